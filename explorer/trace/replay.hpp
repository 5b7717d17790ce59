// Replaying and minimising a counterexample on its model. Replay checks a
// trace file against the current build: every step must be enabled and
// lead to the recorded state. Minimisation (as DSLabs' trace minimiser)
// drops steps while the same property stays violated.
#pragma once
#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "explorer/search/model.hpp"
#include "explorer/search/property_book.hpp"
#include "explorer/trace/counterexample.hpp"

namespace replicheck {

struct ReplayOutcome {
  bool replayed = false;
  std::size_t failed_step = 0;  // when !replayed
  std::string why;              // when !replayed
  // The first broken property along the trace (the recorded one preferred).
  std::optional<PropertyRef> violated;
  std::size_t violated_at = 0;
};

namespace replay_detail {

// "" when the fields are equal, else the first difference. By name, not by
// position: a trace from another configuration (rm=5 for rm=3) then says
// which field is new or gone rather than that one name became another.
inline std::string field_difference(const Trace::Fields& got, const Trace::Fields& want) {
  auto find = [](const Trace::Fields& fields, const std::string& name) {
    return std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
  };
  for (const auto& [name, value] : want) {
    auto it = find(got, name);
    if (it == got.end()) return fmt::format("the model has no field '{}'", name);
    if (it->second != value) return fmt::format("{} is '{}', the trace says '{}'", name, it->second, value);
  }
  std::vector<std::string> added;
  for (const auto& f : got)
    if (find(want, f.first) == want.end()) added.push_back("'" + f.first + "'");
  if (added.empty()) return "";
  return fmt::format("the model has field{} {} the trace lacks", added.size() == 1 ? "" : "s",
                     fmt::join(added, ", "));
}

// Does state s break p? For a `sometimes` property: is it reached?
template <Model M>
bool breaks(const M& model, const Property<M>& p, const typename M::State& s) {
  switch (p.kind) {
    case PropertyKind::Always:
    case PropertyKind::History: return !p.holds(model, s);
    case PropertyKind::AtQuiescence: {
      if (!model.quiescent(s)) {
        typename M::State t = s;
        for (const auto& a : candidate_actions(model, s))
          if (model.next(s, a, t)) return false;
      }
      return !p.holds(model, s);
    }
    case PropertyKind::Sometimes: return p.holds(model, s);
  }
  return false;
}

}  // namespace replay_detail

template <Model M>
ReplayOutcome replay(const M& model, const Counterexample& cx) {
  using State = typename M::State;
  ReplayOutcome out;
  const auto& steps = cx.trace.steps;
  auto fail = [&out](std::size_t step, std::string why) {
    out.failed_step = step;
    out.why = std::move(why);
    return out;
  };
  if (steps.empty()) return fail(0, "the trace has no initial state");
  auto inits = model.initial_states();
  if (steps[0].action_index >= inits.size())
    return fail(0, fmt::format("initial state {} does not exist (the model has {})", steps[0].action_index,
                               inits.size()));
  State s = inits[steps[0].action_index], t = s;
  std::vector<Property<M>> props = model.properties();
  // The recorded property's first violation, else the earliest of any.
  std::optional<std::pair<PropertyRef, std::size_t>> recorded, earliest;
  auto check = [&](std::size_t step) {
    for (const auto& p : props) {
      if (p.kind == PropertyKind::Sometimes || !replay_detail::breaks(model, p, s)) continue;
      std::pair<PropertyRef, std::size_t> found{{p.name, p.kind, p.meaning}, step};
      if (!recorded && cx.property && cx.property->name == p.name) recorded = found;
      if (!earliest) earliest = found;
    }
  };
  if (auto d = replay_detail::field_difference(model.fields(s), steps[0].state); !d.empty())
    return fail(0, "the initial state differs: " + d);
  check(0);
  for (std::size_t k = 1; k < steps.size(); ++k) {
    auto acts = candidate_actions(model, s);
    std::uint16_t i = steps[k].action_index;
    if (i >= acts.size())
      return fail(k, fmt::format("action {} does not exist: the state offers {} actions", i, acts.size()));
    if (std::string d = model.describe(acts[i]); d != steps[k].action)
      return fail(k, fmt::format("action {} is now '{}', the trace says '{}'", i, d, steps[k].action));
    if (!model.next(s, acts[i], t)) return fail(k, fmt::format("'{}' is not enabled", steps[k].action));
    if (auto d = replay_detail::field_difference(model.fields(t), steps[k].state); !d.empty())
      return fail(k, fmt::format("after '{}', {}", steps[k].action, d));
    s = t;
    check(k);
  }
  out.replayed = true;
  if (auto v = recorded ? recorded : earliest) {
    out.violated = v->first;
    out.violated_at = v->second;
  }
  return out;
}

namespace replay_detail {

// Replays steps named by their action text (indices shift once earlier
// steps are gone); the path up to the first state that breaks p, or none
// when a step is not enabled or p is never broken.
template <Model M>
std::optional<Path> replay_by_text(const M& model, std::uint16_t initial, const std::vector<std::string>& actions,
                                   const Property<M>& p) {
  auto s = model.initial_states().at(initial), t = s;
  Path path{initial, {}};
  if (breaks(model, p, s)) return path;
  for (const auto& text : actions) {
    auto acts = candidate_actions(model, s);
    std::size_t i = 0;
    while (i < acts.size() && !(model.describe(acts[i]) == text && model.next(s, acts[i], t))) ++i;
    if (i == acts.size()) return std::nullopt;
    path.actions.push_back(std::uint16_t(i));
    s = t;
    if (breaks(model, p, s)) return path;
  }
  return std::nullopt;
}

}  // namespace replay_detail

// The order in which minimize tries to drop steps: faults first, then
// messages, then client operations, then anything.
inline bool minimize_pass_takes(int pass, StepKind k) {
  switch (pass) {
    case 0: return k == StepKind::Fault;
    case 1: return k == StepKind::Send || k == StepKind::Deliver;
    case 2: return k == StepKind::Client;
    default: return true;
  }
}

// A trace no step of which can be dropped (one at a time) without losing
// the violation of cx.property; throws std::invalid_argument if the model
// has no such property or the trace does not violate it.
template <Model M>
Counterexample minimize(const M& model, const Counterexample& cx) {
  if (!cx.property) throw std::invalid_argument("the trace names no violated property");
  std::optional<Property<M>> prop;
  for (auto& p : model.properties())
    if (p.name == cx.property->name) prop = p;
  if (!prop) throw std::invalid_argument(fmt::format("the model has no property '{}'", cx.property->name));
  std::uint16_t initial = cx.trace.steps.at(0).action_index;
  std::vector<std::string> actions;
  std::vector<StepKind> kinds;
  for (std::size_t i = 1; i < cx.trace.steps.size(); ++i) {
    actions.push_back(cx.trace.steps[i].action);
    kinds.push_back(cx.trace.steps[i].info.kind);
  }
  auto best = replay_detail::replay_by_text(model, initial, actions, *prop);
  if (!best) throw std::invalid_argument(fmt::format("the trace does not violate '{}'", prop->name));
  auto keep_prefix = [&](std::size_t n) {
    actions.resize(n);
    kinds.resize(n);
  };
  keep_prefix(best->actions.size());
  for (bool shrunk = true; shrunk;) {
    shrunk = false;
    for (int pass = 0; pass < 4; ++pass)
      for (std::size_t i = actions.size(); i-- > 0;) {
        if (i >= actions.size() || !minimize_pass_takes(pass, kinds[i])) continue;
        auto fewer = actions;
        fewer.erase(fewer.begin() + long(i));
        if (auto path = replay_detail::replay_by_text(model, initial, fewer, *prop)) {
          actions = std::move(fewer);
          kinds.erase(kinds.begin() + long(i));
          keep_prefix(path->actions.size());
          best = std::move(path);
          shrunk = true;
        }
      }
  }
  Counterexample out = cx;
  out.trace = PropertyBook<M>::rebuild(model, *best);
  return out;
}

}  // namespace replicheck
