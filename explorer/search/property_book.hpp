// Property bookkeeping shared by every search: which properties are still
// open, the path that settled each one (a counterexample, or the witness of
// a `sometimes`), rebuilding that path into a trace, and the final verdict.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "explorer/search/model.hpp"
#include "explorer/search/result.hpp"

namespace replicheck {

// A path from an initial state, as indices: which initial state, then for
// each step the index of the action among the candidates of that state.
struct Path {
  std::uint16_t initial = 0;
  std::vector<std::uint16_t> actions;
};

// The candidate actions of a state, in the model's order (indices of a Path).
template <Model M>
std::vector<typename M::Action> candidate_actions(const M& model, const typename M::State& s) {
  std::vector<typename M::Action> acts;
  model.actions(s, [&acts](const typename M::Action& a) { acts.push_back(a); });
  return acts;
}

template <Model M>
class PropertyBook {
 public:
  using State = typename M::State;

  explicit PropertyBook(const M& model) : model_(model), props_(model.properties()), settled_(props_.size(), 0) {
    paths_.resize(props_.size());
  }

  std::size_t size() const { return props_.size(); }
  bool settled(std::size_t i) const { return settled_[i] != 0; }

  // Calls found(i) for every open property that this state settles: an
  // always or history property that fails, a sometimes property that holds.
  // `quiescent` adds the at_quiescence properties.
  template <class Found>
  void check(const State& s, bool quiescent, Found&& found) const {
    for (std::size_t i = 0; i < props_.size(); ++i) {
      if (settled_[i]) continue;
      const auto& p = props_[i];
      switch (p.kind) {
        case PropertyKind::Always:
        case PropertyKind::History:
          if (!p.holds(model_, s)) found(i);
          break;
        case PropertyKind::AtQuiescence:
          if (quiescent && !p.holds(model_, s)) found(i);
          break;
        case PropertyKind::Sometimes:
          if (p.holds(model_, s)) found(i);
          break;
      }
    }
  }

  void settle(std::size_t i, Path path) {
    settled_[i] = 1;
    paths_[i] = std::move(path);
  }

  // Fills result.properties and result.verdict; `complete` means the whole
  // reachable space (within no bound) was explored.
  void finish(const M& model, bool complete, Result& result) const {
    bool violated = false;
    for (std::size_t i = 0; i < props_.size(); ++i) {
      const auto& p = props_[i];
      PropertyOutcome o{p.name, p.kind, p.meaning, {}, {}};
      bool sometimes = p.kind == PropertyKind::Sometimes;
      if (settled_[i]) {
        o.status = sometimes ? "reached" : "violated";
        o.trace = rebuild(model, paths_[i]);
        violated |= !sometimes;
      } else if (!complete) {
        o.status = "unknown";
      } else {
        o.status = sometimes ? "unreached" : "holds";
        violated |= sometimes;  // a vacuous model is a failed check
      }
      result.properties.push_back(std::move(o));
    }
    result.verdict = violated ? Verdict::Violation : complete ? Verdict::Pass : Verdict::Incomplete;
  }

  // Re-executes a path on the model; throws if a step is not enabled, which
  // would mean the model is not deterministic.
  static Trace rebuild(const M& model, const Path& path) {
    auto inits = model.initial_states();
    State s = inits.at(path.initial), t = s;
    Trace trace;
    trace.lanes = trace_lanes(model);
    trace.steps.push_back({"", path.initial, model.fields(s), {}});
    for (std::uint16_t index : path.actions) {
      auto acts = candidate_actions(model, s);
      if (index >= acts.size() || !model.next(s, acts[index], t))
        throw std::logic_error(fmt::format("trace step {} does not replay", trace.steps.size()));
      trace.steps.push_back({model.describe(acts[index]), index, model.fields(t),
                             trace_step_info(model, s, acts[index], t)});
      s = t;
    }
    return trace;
  }

 private:
  const M& model_;
  std::vector<Property<M>> props_;
  std::vector<char> settled_;
  std::vector<Path> paths_;
};

}  // namespace replicheck
