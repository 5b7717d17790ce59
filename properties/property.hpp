// Named properties a model declares; the explorer evaluates them.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace replicheck {

enum class PropertyKind {
  Always,        // holds in every reachable state
  AtQuiescence,  // holds in every quiescent state (nothing but faults can happen)
  Sometimes,     // holds in at least one reachable state, or the model is vacuous
  History,       // the clients' history in every reachable state satisfies it
};

inline std::string_view to_string(PropertyKind k) {
  switch (k) {
    case PropertyKind::Always: return "always";
    case PropertyKind::AtQuiescence: return "at_quiescence";
    case PropertyKind::Sometimes: return "sometimes";
    case PropertyKind::History: return "history";
  }
  return "?";
}

// A property of model M's states. The model is passed to `holds`, never
// captured: a property outlives copies and moves of the model that made it.
template <class M>
struct Property {
  using State = typename M::State;
  std::string name;
  PropertyKind kind;
  std::string meaning;                                    // one sentence, for `list` and traces
  std::function<bool(const M&, const State&)> holds;      // for Sometimes: "the event happened"
};

}  // namespace replicheck
