// How one step of a counterexample looks on a timing diagram: which lane
// (region or role) acted, and whether it sent or received a message, hit a
// fault or ran a client operation. Models describe their steps with this;
// the trace printers (explorer/trace/trace_*.cpp) draw every model the same way,
// so no model carries printing code. Optional: see explorer/search/model.hpp.
#pragma once
#include <string>
#include <string_view>

namespace replicheck {

enum class StepKind {
  Local,    // the lane changed its own state
  Send,     // the lane sent `label` to `peer` (empty peer: to every other lane)
  Deliver,  // the lane received `label` from `peer`
  Fault,    // partition, crash, clock skew...: across `lane`..`peer` (empty peer: every lane)
  Client,   // a client operation `client_op` was invoked or completed at the lane
};

inline std::string_view to_string(StepKind k) {
  switch (k) {
    case StepKind::Local: return "local";
    case StepKind::Send: return "send";
    case StepKind::Deliver: return "deliver";
    case StepKind::Fault: return "fault";
    case StepKind::Client: return "client";
  }
  return "?";
}

// False for a word that names no kind (a trace file from another build).
inline bool parse_step_kind(std::string_view word, StepKind& out) {
  for (StepKind k : {StepKind::Local, StepKind::Send, StepKind::Deliver, StepKind::Fault,
                     StepKind::Client})
    if (to_string(k) == word) {
      out = k;
      return true;
    }
  return false;
}

struct StepInfo {
  std::string lane;  // the actor: one of the model's lanes()
  StepKind kind = StepKind::Local;
  std::string peer;       // the other end of a message or fault
  std::string label;      // message or fault name, short
  std::string client_op;  // Client steps: an operation's first step invokes it, its second returns
  bool operator==(const StepInfo&) const = default;
};

}  // namespace replicheck
