// Mermaid sequence diagram: pastes into GitHub Markdown, GitLab, or
// mermaid.live. Lanes are participants L0..Ln (aliases carry the names,
// which may hold characters Mermaid's grammar reserves).
#include <map>

#include <fmt/format.h>

#include "explorer/trace/counterexample.hpp"

namespace replicheck {
namespace {

// Mermaid ends a message at ';' and reads '#' as the start of an entity
// code, so both are written as entity codes (#35; is '#', #59; is ';'),
// which Mermaid renders as the characters; a newline would end the line.
std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '#') out += "#35;";
    else if (c == ';') out += "#59;";
    else out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string mermaid_sequence(const Counterexample& cx) {
  const auto& lanes = cx.trace.lanes;
  auto id = [&lanes](const std::string& lane) {
    for (std::size_t i = 0; i < lanes.size(); ++i)
      if (lanes[i] == lane) return fmt::format("L{}", i);
    return std::string("L0");
  };
  std::string all = lanes.size() == 1 ? "L0" : fmt::format("L0,L{}", lanes.size() - 1);
  std::string out = "sequenceDiagram\n";
  std::string params;
  for (const auto& [k, v] : cx.params) params += fmt::format(" {}={}", k, v);
  out += fmt::format("  title {}{}\n", clean(cx.model), clean(params));
  for (std::size_t i = 0; i < lanes.size(); ++i) out += fmt::format("  participant L{} as {}\n", i, clean(lanes[i]));
  out += fmt::format("  Note over {}: 0. initial state\n", all);
  std::map<std::string, std::string> before;
  const auto& steps = cx.trace.steps;
  for (const auto& [f, v] : steps.front().state) before[f] = v;
  for (std::size_t i = 1; i < steps.size(); ++i) {
    const auto& s = steps[i];
    std::string me = id(s.info.lane), text = fmt::format("{}. {}", i, clean(s.action));
    switch (s.info.kind) {
      case StepKind::Send:
        // -) is Mermaid's asynchronous arrow: the message is in flight.
        if (s.info.peer.empty()) {
          for (const auto& lane : lanes)
            if (lane != s.info.lane) out += fmt::format("  {}-){}: {}\n", me, id(lane), text);
        } else {
          out += fmt::format("  {}-){}: {}\n", me, id(s.info.peer), text);
        }
        break;
      case StepKind::Deliver:
        out += fmt::format("  {}->>{}: {}\n", s.info.peer.empty() ? me : id(s.info.peer), me, text);
        break;
      case StepKind::Fault:
        out += fmt::format("  Note over {}: {} (fault)\n", s.info.peer.empty() ? all : me + "," + id(s.info.peer), text);
        break;
      case StepKind::Local:
      case StepKind::Client: out += fmt::format("  Note over {}: {}\n", me, text); break;
    }
    std::string changed;
    for (const auto& [f, v] : s.state) {
      if (before[f] != v) changed += fmt::format("{}{} = {}", changed.empty() ? "" : "<br/>", clean(f), clean(v));
      before[f] = v;
    }
    if (!changed.empty()) out += fmt::format("  Note right of {}: {}\n", me, changed);
  }
  out += fmt::format("  Note over {}: {}\n", all, clean(verdict_sentence(cx)));
  return out;
}

}  // namespace replicheck
