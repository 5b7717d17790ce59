// Random schedules and fault plans on a configuration larger than exhaustive
// search reaches: 4 regions, 3 items, 4 clients with 5 operations each (20 in
// all), every fault (link cuts, an isolation, an outage, replicator crashes
// and pauses, lost and duplicated messages), clock skew, per-key delivery.
// RapidCheck chooses every step among the enabled actions; the schedule is
// then drained (no new faults, links healed, replicators restarted) and the
// properties that must hold are asserted: those of issue 3's table, and
// what two client patterns promise (version tokens: session guarantees in
// every region; home-region writes: no lost increment). A failing schedule
// shrinks to a minimal one and is saved as a trace that `replicheck replay`
// re-executes.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include "explorer/search/property_book.hpp"
#include "explorer/trace/counterexample.hpp"
#include "models/lww/model.hpp"

using namespace replicheck;
using models::Lww;

namespace {

const std::vector<std::string> kConfig = {
    "regions=4", "keys=3",   "clients=4", "ops=5",        "cuts=2",        "isolations=1",     "outages=1",
    "crashes=2", "pauses=2", "drops=2",   "duplicates=2", "skew=0,-2,1,0", "ordering=key-fifo"};
// Properties that hold under every fault mix (issue 3's table).
const std::vector<std::string> kMustHold = {"converge",
                                            "no-relay",
                                            "stream-matches-table",
                                            "available",
                                            "read-your-writes-in-region",
                                            "monotonic-reads-in-region",
                                            "no-torn-transaction-in-region"};
// Version tokens: a session's reads see its writes and never go back, in any region.
const std::vector<std::string> kTokens = {"pattern=version-tokens"};
const std::vector<std::string> kMustHoldTokens = {"converge",
                                                  "no-relay",
                                                  "stream-matches-table",
                                                  "read-your-writes-in-region",
                                                  "read-your-writes-routed",
                                                  "monotonic-reads-in-region",
                                                  "monotonic-reads-routed"};
// Counters written in each item's home region: nothing lost, whatever the faults.
const std::vector<std::string> kHomeCounters = {"workload=counter", "pattern=home-region"};
const std::vector<std::string> kMustHoldHomeCounters = {"converge", "no-relay", "stream-matches-table",
                                                        "no-lost-increment", "later-write-wins"};

// A new fault (draining allows only the repairs: heal, rejoin, up, restart, resume).
bool is_fault(const Lww::Action& a) {
  using F = world::NetworkFault;
  if (a.kind == Lww::Action::Fault) return a.fault != F::Heal && a.fault != F::Rejoin && a.fault != F::Up;
  return a.kind == Lww::Action::RoleFault && (a.c == world::RoleFault::Crash || a.c == world::RoleFault::Pause);
}

struct Outcome {
  std::optional<std::size_t> broken;  // index into properties()
  Path path;
};

// Runs the schedule `choices`, then drains it; reports the first property broken.
Outcome run_schedule(const Lww& m, const std::vector<std::uint16_t>& choices,
                     const std::vector<std::string>& must_hold = kMustHold) {
  auto props = m.properties();
  for (const auto& name : must_hold) {  // a name the model lacks would silently check nothing
    bool known = std::any_of(props.begin(), props.end(), [&](const auto& p) { return p.name == name; });
    RC_ASSERT(known);
  }
  Outcome out;
  Lww::State s = m.initial_states()[0], t = s;
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
    std::vector<Lww::Action> cands;
    m.actions(s, [&](const Lww::Action& a) { cands.push_back(a); });
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
  for (int i = 0; i < 1000 && !m.quiescent(s); ++i) {
    step(0, false);
    if ((out.broken = broken_at(false))) return out;
  }
  RC_ASSERT(m.quiescent(s));  // draining always reaches quiescence
  out.broken = broken_at(true);
  return out;
}

void save_failure(const Lww& m, const Params& params, const Outcome& o, const std::string& file) {
  const auto props = m.properties();
  const auto& p = props[*o.broken];
  Counterexample cx{std::string(Lww::kName), params.effective(), PropertyRef{p.name, p.kind, p.meaning},
                    PropertyBook<Lww>::rebuild(m, o.path)};
  write_counterexample(file, cx);
}

// RapidCheck property: on kConfig plus `extra`, every random schedule keeps
// `must_hold`; a failure shrinks and is saved to `file`.
void check_random_schedules(const std::vector<std::string>& extra, const std::vector<std::string>& must_hold,
                            const std::string& file) {
  auto config = kConfig;
  config.insert(config.end(), extra.begin(), extra.end());
  Params params(Lww::param_specs(), config);
  Lww m(params);
  rc::prop("the properties that must hold hold", [&] {
    auto choices = *rc::gen::container<std::vector<std::uint16_t>>(rc::gen::arbitrary<std::uint16_t>());
    Outcome o = run_schedule(m, choices, must_hold);
    if (o.broken) {
      save_failure(m, params, o, file);
      RC_FAIL("property '" + m.properties()[*o.broken].name + "' broken; trace saved to " + file +
              " (replicheck replay it)");
    }
  });
}

}  // namespace

TEST_CASE("LWW random schedules keep every always-true property") {
  check_random_schedules({}, kMustHold, "lww-random-failure.json");
}

TEST_CASE("LWW random schedules lose no increment written at home") {
  check_random_schedules(kHomeCounters, kMustHoldHomeCounters, "lww-random-counter-failure.json");
}

TEST_CASE("LWW random schedules: version tokens keep sessions consistent across regions") {
  check_random_schedules(kTokens, kMustHoldTokens, "lww-random-tokens-failure.json");
}

TEST_CASE("the random schedules catch a seeded bug and save a replayable trace") {
  auto config = kConfig;
  config.push_back("bug=apply-without-compare");
  Params params(Lww::param_specs(), config);
  Lww m(params);
  std::optional<Outcome> failure;
  for (std::uint16_t seed = 0; seed < 200 && !failure; ++seed) {
    std::vector<std::uint16_t> choices;
    for (int i = 0; i < 60; ++i) choices.push_back(std::uint16_t((seed * 7919u + i * 104729u) >> 3));
    Outcome o = run_schedule(m, choices);
    if (o.broken) failure = o;
  }
  REQUIRE(failure);
  save_failure(m, params, *failure, "lww-random-mutant.json");
  Counterexample back = load_counterexample("lww-random-mutant.json");
  CHECK(back.model == "lww");
  CHECK(back.trace.length() == failure->path.actions.size());
  CHECK(back.property->name == m.properties()[*failure->broken].name);
}
