// Replay: every trace the searches produce re-executes on the model and
// reproduces its verdict; a trace that no longer matches the model says at
// which step and why. Minimisation shortens a random walk to the BFS length.
#include <catch2/catch.hpp>

#include "explorer/trace/replay.hpp"
#include "tests/traces/trace_fixtures.hpp"

using namespace replicheck;
using namespace replicheck::testing;

TEST_CASE("every trace the searches produce replays, through JSON, with its verdict") {
  for (const auto& [rm, bug] : {std::pair{3, std::string("commit-early")}, {3, "none"}, {4, "none"}}) {
    auto model = two_phase(rm, bug);
    for (Found how : {Found::Bfs, Found::Dfs, Found::Simulation}) {
      Result r = search(model, how);
      for (const auto& p : r.properties) {
        if (!p.trace) continue;
        Counterexample cx = counterexample_from_json(to_json(counterexample(run_info(rm, bug), p)));
        ReplayOutcome out = replay(model, cx);
        INFO(bug << " " << int(how) << " " << p.name);
        REQUIRE(out.replayed);
        if (p.status == "violated") {
          REQUIRE(out.violated);
          CHECK(out.violated->name == p.name);
          CHECK(out.violated_at == cx.trace.length());
        } else {
          CHECK(p.kind == PropertyKind::Sometimes);  // a witness: nothing is violated
          CHECK_FALSE(out.violated);
        }
      }
    }
  }
}

TEST_CASE("a trace that no longer matches the model says at which step and why") {
  auto model = two_phase(3, "commit-early");
  Counterexample good = mutant(Found::Bfs);
  REQUIRE(replay(model, good).replayed);

  Counterexample cx = good;
  cx.trace.steps[3].state[0].second = "aborted";  // the recorded tm after step 3
  ReplayOutcome out = replay(model, cx);
  CHECK_FALSE(out.replayed);
  CHECK(out.failed_step == 3);
  CHECK(out.why.find("tm is 'committed', the trace says 'aborted'") != std::string::npos);

  cx = good;
  cx.trace.steps[2].action = "TM receives Prepared from rm9";
  out = replay(model, cx);
  CHECK(out.failed_step == 2);
  CHECK(out.why.find("the trace says 'TM receives Prepared from rm9'") != std::string::npos);

  cx = good;
  cx.trace.steps[4].action_index = 99;
  out = replay(model, cx);
  CHECK(out.failed_step == 4);
  CHECK(out.why.find("action 99 does not exist") != std::string::npos);

  cx = good;
  cx.trace.steps[0].action_index = 1;
  out = replay(model, cx);
  CHECK(out.failed_step == 0);
  CHECK(out.why.find("initial state 1 does not exist") != std::string::npos);

  // A step the model refuses: the same action twice (the TM counts a vote
  // once; its guard refuses the second). Candidates list only events with a
  // row from the role's state, so the refusal must come from a guard.
  cx = good;
  REQUIRE(good.trace.steps[2].action.rfind("TM receives Prepared", 0) == 0);
  cx.trace.steps.insert(cx.trace.steps.begin() + 3, cx.trace.steps[2]);
  auto after = model.initial_states()[0];
  for (std::size_t k : {1, 2}) {
    auto before = after;
    REQUIRE(model.next(before, candidate_actions(model, before)[good.trace.steps[k].action_index], after));
  }
  auto acts = candidate_actions(model, after);
  for (std::size_t i = 0; i < acts.size(); ++i)
    if (model.describe(acts[i]) == good.trace.steps[2].action) cx.trace.steps[3].action_index = std::uint16_t(i);
  out = replay(model, cx);
  CHECK(out.failed_step == 3);
  CHECK(out.why.find("is not enabled") != std::string::npos);
}

TEST_CASE("a prefix that violates nothing replays without violation") {
  Counterexample cx = mutant(Found::Bfs);
  cx.trace.steps.resize(4);
  ReplayOutcome out = replay(two_phase(3, "commit-early"), cx);
  CHECK(out.replayed);
  CHECK_FALSE(out.violated);
}

TEST_CASE("minimisation shortens a random-simulation trace to the BFS length") {
  auto model = two_phase(3, "commit-early");
  std::size_t shortest = mutant(Found::Bfs).trace.length();
  REQUIRE(shortest == 5);
  // The first seed whose walk is longer than the shortest trace (seeds are deterministic).
  Counterexample walk;
  for (std::uint64_t seed = 1; seed < 50 && walk.trace.length() <= shortest; ++seed)
    walk = mutant(Found::Simulation, seed);
  REQUIRE(walk.trace.length() > shortest);
  Counterexample shorter = minimize(model, walk);
  CHECK(shorter.trace.length() == shortest);
  CHECK(shorter.property == walk.property);
  ReplayOutcome out = replay(model, counterexample_from_json(to_json(shorter)));
  REQUIRE(out.replayed);
  REQUIRE(out.violated);
  CHECK(out.violated->name == "consistent");
  CHECK(out.violated_at == shortest);
  // A fixpoint: minimising again changes nothing.
  CHECK(json_text(minimize(model, shorter)) == json_text(shorter));
}

TEST_CASE("minimize refuses a trace that does not violate its property") {
  Counterexample cx = mutant(Found::Bfs);
  cx.trace.steps.resize(3);
  CHECK_THROWS_AS(minimize(two_phase(3, "commit-early"), cx), std::invalid_argument);
}
