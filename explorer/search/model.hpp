// The one narrow interface between models and search (as LTSmin's PINS and
// Stateright's Model): everything the explorer knows about a model.
#pragma once
#include <concepts>
#include <string>
#include <utility>
#include <vector>

#include "models/step_info.hpp"
#include "properties/property.hpp"
#include "protocol/codec.hpp"

namespace replicheck {

template <class M>
concept Model = requires(const M& m, const typename M::State& s, typename M::State& out,
                         const typename M::Action& a, ByteWriter& w, ByteReader& r) {
  // At most this many candidate actions in any state.
  { M::kMaxActions } -> std::convertible_to<std::size_t>;
  // Initial states, in a fixed order.
  { m.initial_states() } -> std::same_as<std::vector<typename M::State>>;
  // Candidate actions in a fixed order, passed to a sink one by one.
  m.actions(s, [](const typename M::Action&) {});
  // The effect: writes the successor into `out`; false when a guard refuses.
  { m.next(s, a, out) } -> std::same_as<bool>;
  // Canonical bytes: equal states, equal bytes; decode(encode(s)) == s.
  m.encode(s, w);
  m.decode(r, out);
  // True where only faults could still happen (at_quiescence properties).
  { m.quiescent(s) } -> std::same_as<bool>;
  { m.properties() } -> std::same_as<std::vector<Property<M>>>;
  // For traces: one line per action, named fields per state.
  { m.describe(a) } -> std::convertible_to<std::string>;
  { m.fields(s) } -> std::same_as<std::vector<std::pair<std::string, std::string>>>;
};

// Optional trace metadata (docs/ARCHITECTURE.md, "Traces"): the lanes of
// the timing diagram, in column order, and what each step looks like on it.
// Models without it still print, on a single lane.
template <class M>
concept HasLanes = requires(const M& m) {
  { m.lanes() } -> std::same_as<std::vector<std::string>>;
};
template <class M>
concept HasStepInfo = requires(const M& m, const typename M::State& s, const typename M::Action& a) {
  { m.step_info(s, a, s) } -> std::same_as<StepInfo>;
};

inline constexpr std::string_view kSingleLane = "system";

template <class M>
std::vector<std::string> trace_lanes(const M& m) {
  if constexpr (HasLanes<M>) return m.lanes();
  else return {std::string(kSingleLane)};
}

template <class M>
StepInfo trace_step_info(const M& m, const typename M::State& before, const typename M::Action& a,
                         const typename M::State& after) {
  if constexpr (HasStepInfo<M>) return m.step_info(before, a, after);
  else return StepInfo{trace_lanes(m).front(), StepKind::Local, "", "", ""};
}

}  // namespace replicheck
