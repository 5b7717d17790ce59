// Random schedules and fault plans for any model, beyond exhaustive reach:
// RapidCheck chooses every step among the enabled actions; the schedule is
// then drained (no new faults: `is_fault` tells them apart from repairs) to
// quiescence, and the properties that must hold are asserted along the way
// and at the end. A failing schedule shrinks to a minimal one and is saved
// as a trace that `replicheck replay` re-executes.
#pragma once
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "explorer/search/property_book.hpp"
#include "explorer/trace/counterexample.hpp"

namespace replicheck::testing {

struct Outcome {
  std::optional<std::size_t> broken;  // index into properties()
  Path path;
};

// Runs the schedule `choices`, then drains it; reports the first property
// of `must_hold` broken (at_quiescence ones only once drained).
template <class M, class IsFault>
Outcome run_schedule(const M& m, const std::vector<std::uint16_t>& choices, const std::vector<std::string>& must_hold,
                     IsFault&& is_fault) {
  auto props = m.properties();
  for (const auto& name : must_hold) {  // a name the model lacks would silently check nothing
    bool known = std::any_of(props.begin(), props.end(), [&](const auto& p) { return p.name == name; });
    RC_ASSERT(known);
  }
  Outcome out;
  typename M::State s = m.initial_states()[0], t = s;
  auto broken_at = [&](bool quiescent) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < props.size(); ++i) {
      if (std::find(must_hold.begin(), must_hold.end(), props[i].name) == must_hold.end()) continue;
      if (props[i].kind == PropertyKind::AtQuiescence && !quiescent) continue;
      if (!props[i].holds(m, s)) return i;
    }
    return std::nullopt;
  };
  // One step: the choice-th enabled action (faults only when allowed).
  auto step = [&](std::uint16_t choice, bool faults) {
    auto cands = candidate_actions(m, s);
    std::vector<std::uint16_t> enabled;
    for (std::size_t k = 0; k < cands.size(); ++k)
      if ((faults || !is_fault(cands[k])) && m.next(s, cands[k], t)) enabled.push_back(std::uint16_t(k));
    if (enabled.empty()) return false;
    std::uint16_t k = enabled[choice % enabled.size()];
    m.next(s, cands[k], t);
    s = t;
    out.path.actions.push_back(k);
    return true;
  };
  for (std::uint16_t c : choices) {
    if (!step(c, true)) break;
    if ((out.broken = broken_at(false))) return out;
  }
  // Draining takes the enabled non-faults in turn: always the first could
  // starve a step that quiescence needs (a lease renewal behind a retry loop).
  for (int i = 0; i < 1000 && !m.quiescent(s); ++i) {
    step(std::uint16_t(i), false);
    if ((out.broken = broken_at(false))) return out;
  }
  RC_ASSERT(m.quiescent(s));  // draining always reaches quiescence
  out.broken = broken_at(true);
  return out;
}

template <class M>
void save_failure(const M& m, const Params& params, const Outcome& o, const std::string& file) {
  const auto props = m.properties();
  const auto& p = props[*o.broken];
  Counterexample cx{std::string(M::kName), params.effective(), PropertyRef{p.name, p.kind, p.meaning},
                    PropertyBook<M>::rebuild(m, o.path)};
  write_counterexample(file, cx);
}

// A seeded bug must make the harness fail: the first of `seeds` fixed
// schedules that breaks a property of `must_hold`, saved to `file` and read
// back as a replayable trace.
template <class M, class IsFault>
void check_catches_bug(const std::vector<std::string>& config, const std::vector<std::string>& must_hold,
                       const std::string& file, IsFault is_fault, int seeds = 400) {
  Params params(M::param_specs(), config);
  M m(params);
  std::optional<Outcome> failure;
  for (int seed = 0; seed < seeds && !failure; ++seed) {
    std::vector<std::uint16_t> choices;
    for (int i = 0; i < 60; ++i) choices.push_back(std::uint16_t((unsigned(seed) * 7919u + unsigned(i) * 104729u) >> 3));
    Outcome o = run_schedule(m, choices, must_hold, is_fault);
    if (o.broken) failure = o;
  }
  REQUIRE(failure);
  save_failure(m, params, *failure, file);
  Counterexample back = load_counterexample(file);
  CHECK(back.model == M::kName);
  CHECK(back.trace.length() == failure->path.actions.size());
  CHECK(back.property->name == m.properties()[*failure->broken].name);
}

// RapidCheck property: on `config`, every random schedule keeps `must_hold`;
// a failure shrinks and is saved to `file`.
template <class M, class IsFault>
void check_random_schedules(const std::vector<std::string>& config, const std::vector<std::string>& must_hold,
                            const std::string& file, IsFault is_fault) {
  Params params(M::param_specs(), config);
  M m(params);
  rc::prop("the properties that must hold hold", [&] {
    auto choices = *rc::gen::container<std::vector<std::uint16_t>>(rc::gen::arbitrary<std::uint16_t>());
    Outcome o = run_schedule(m, choices, must_hold, is_fault);
    if (o.broken) {
      save_failure(m, params, o, file);
      RC_FAIL("property '" + m.properties()[*o.broken].name + "' broken; trace saved to " + file +
              " (replicheck replay it)");
    }
  });
}

}  // namespace replicheck::testing
