// The footprint contract (models/footprint.hpp), checked on every reachable
// state of small configurations of each model that declares footprints:
// two candidate actions enabled in a state whose footprints say independent
// must stay offered and enabled after each other, with the same footprints,
// and commute. A footprint that leaves out something an action reads or
// writes makes sleep sets unsound; this is where it shows, and a seeded
// wrong footprint (below) must be caught.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "explorer/search/bfs.hpp"
#include "explorer/search/sleep_sets.hpp"
#include "models/catalog.hpp"
#include "tests/models/reachable.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;

namespace {

using testing::bytes;
using testing::candidates;

// The first broken promise found in the reachable states (at most
// max_states of them, breadth first), or nothing.
template <class M>
std::optional<std::string> contract_breach(const M& m, std::size_t max_states) {
  using State = typename M::State;
  State t_then{}, u_then{}, tu{}, ut{};
  return testing::first_breach(m, max_states, [&](const State& s, const auto& acts) -> std::optional<std::string> {
    std::unordered_set<std::uint16_t> keys;
    for (const auto& a : acts) {
      if (!keys.insert(m.action_key(a)).second) return "two candidates share the key of " + m.describe(a);
      // A model that declares its key range gets one-word sleep sets.
      if constexpr (HasSmallActionKeys<M>)
        if (m.action_key(a) >= M::kActionKeys) return "key beyond kActionKeys: " + m.describe(a);
      // Footprints by key (what the search then uses) must be the footprints.
      if constexpr (HasKeyFootprints<M>)
        if (!(m.key_footprint(m.action_key(a)) == m.footprint(s, a)))
          return "key_footprint differs from footprint: " + m.describe(a);
    }
    // Keyed candidates: the key word lists exactly the candidates, which
    // come in ascending key order, each rebuilt from its key.
    if constexpr (HasKeyedCandidates<M>) {
      std::uint64_t keys = m.candidate_keys(s);
      if (std::size_t(__builtin_popcountll(keys)) != acts.size()) return std::string("candidate_keys counts wrong");
      int previous = -1;
      for (const auto& a : acts) {
        std::uint16_t k = m.action_key(a);
        if (!(keys >> k & 1)) return "candidate_keys misses " + m.describe(a);
        if (int(k) <= previous) return "candidates out of key order at " + m.describe(a);
        if (m.describe(m.action_for_key(k)) != m.describe(a) || m.action_key(m.action_for_key(k)) != k)
          return "action_for_key does not rebuild " + m.describe(a);
        previous = k;
      }
    }
    for (std::size_t i = 0; i < acts.size(); ++i) {
      if (!m.next(s, acts[i], t_then)) continue;
      for (std::size_t j = 0; j < acts.size(); ++j) {
        if (i == j || !m.footprint(s, acts[i]).independent_of(m.footprint(s, acts[j]))) continue;
        if (!m.next(s, acts[j], u_then)) continue;
        std::string pair = m.describe(acts[i]) + " / " + m.describe(acts[j]);
        // acts[j] after acts[i]: offered under the same key, same footprint, enabled.
        std::optional<typename M::Action> later;
        for (const auto& b : candidates(m, t_then))
          if (m.action_key(b) == m.action_key(acts[j])) later = b;
        if (!later) return "no longer offered after the other: " + pair;
        if (!(m.footprint(t_then, *later) == m.footprint(s, acts[j]))) return "footprint changed by the other: " + pair;
        if (!m.next(t_then, *later, tu)) return "disabled by the other: " + pair;
        // And the other order reaches the same state.
        std::optional<typename M::Action> first;
        for (const auto& b : candidates(m, u_then))
          if (m.action_key(b) == m.action_key(acts[i])) first = b;
        if (!first || !m.next(u_then, *first, ut)) return "not enabled in the other order: " + pair;
        if (bytes(m, tu) != bytes(m, ut)) return "the two orders reach different states: " + pair;
      }
    }
    return std::nullopt;
  });
}

// A seeded bug: two-phase with the TM's tally left out of what its steps
// read and write, so TM steps look independent of one another.
struct TmTallyForgotten : models::TwoPhase {
  using models::TwoPhase::TwoPhase;
  Footprint key_footprint(std::uint16_t key) const {
    Footprint f = models::TwoPhase::key_footprint(key);
    if (key < kKeyedRMs + 2) f.reads &= ~1ull, f.writes &= ~1ull;  // the TM's steps
    return f;
  }
  Footprint footprint(const State&, const Action& a) const { return key_footprint(action_key(a)); }
  // Searched only to count states (below).
  std::vector<Property<TmTallyForgotten>> properties() const { return {}; }
};

// A seeded bug: two-phase whose key word forgets the TM's abort decision,
// while its candidates still offer it. The search would never abort.
struct AbortKeyForgotten : models::TwoPhase {
  using models::TwoPhase::TwoPhase;
  std::uint64_t candidate_keys(const State& s) const {
    return models::TwoPhase::candidate_keys(s) & ~(std::uint64_t{1} << (kKeyedRMs + 1));
  }
  std::vector<Property<AbortKeyForgotten>> properties() const { return {}; }
};

// Per model: small configurations touching each kind of action.
template <class M>
std::vector<std::vector<std::string>> configurations() {
  if constexpr (std::is_same_v<M, models::TwoPhase>) return {{"rm=2"}, {"rm=3"}, {"rm=3", "bug=commit-early"}};
  else if constexpr (std::is_same_v<M, models::Lww>)
    return {{"regions=2", "clients=2", "keys=1", "ops=2"},
            {"regions=3", "clients=2", "keys=1", "ops=1", "crashes=1"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "cuts=1", "isolations=1", "outages=1"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "drops=1", "duplicates=1", "pauses=1"},
            {"regions=2", "clients=2", "keys=1", "ops=3", "pattern=sticky"},
            {"regions=2", "clients=2", "keys=1", "ops=3", "pattern=version-tokens", "reads=eventual"},
            {"regions=2", "clients=2", "keys=2", "ops=2", "pattern=home-region"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "ordering=unordered"}};
  else return {};
}

constexpr std::size_t kStates = 20000;

}  // namespace

TEMPLATE_LIST_TEST_CASE("footprints: independent actions commute, on every reachable state", "[footprint]",
                        models::AllModels) {
  using M = TestType;
  if constexpr (HasFootprints<M>) {
    auto configs = configurations<M>();
    REQUIRE(!configs.empty());  // a model that declares footprints lists configurations here
    for (const auto& params : configs) {
      INFO(M::kName << " " << Catch::Detail::stringify(params));
      CHECK(contract_breach(testing::make<M>(params), kStates) == std::nullopt);
    }
  } else {
    CHECK(partial_order_offered(testing::make<M>({})).empty());
  }
}

TEST_CASE("footprints: a footprint that forgets what an action touches is caught", "[footprint]") {
  auto breach = contract_breach(TmTallyForgotten(Params(models::TwoPhase::param_specs(), {"rm=2"})), kStates);
  REQUIRE(breach.has_value());
  CHECK(breach->find("TM") != std::string::npos);
}

TEST_CASE("footprints: a key word that forgets a candidate is caught", "[footprint]") {
  auto breach = contract_breach(AbortKeyForgotten(Params(models::TwoPhase::param_specs(), {"rm=2"})), kStates);
  REQUIRE(breach.has_value());
  CHECK(breach->find("candidate_keys") != std::string::npos);
}

// And the search uses what the contract checks: with the seeded footprint,
// sleep sets prune transitions whose other order was never taken, and BFS
// misses states (two-phase takes footprints by key, so this also shows the
// key table is what the search reads).
TEST_CASE("footprints: with a forgotten footprint, sleep sets lose states", "[footprint]") {
  SearchOptions opt;
  opt.symmetry = false;
  opt.workers = 1;
  Result plain = Bfs<models::TwoPhase>(testing::make<models::TwoPhase>({"rm=3"}), opt).run();
  opt.partial_order = true;
  TmTallyForgotten bad(Params(models::TwoPhase::param_specs(), {"rm=3"}));
  Result reduced = Bfs<TmTallyForgotten>(bad, opt).run();
  REQUIRE(plain.complete());
  CHECK(plain.stats.distinct_states == 288);
  CHECK(reduced.partial_order == "sleep sets");
  CHECK(reduced.stats.distinct_states < plain.stats.distinct_states);
  // And a sleep-set search runs through the key word, not actions().
  Result keyed = Bfs<AbortKeyForgotten>(AbortKeyForgotten(Params(models::TwoPhase::param_specs(), {"rm=3"})), opt).run();
  CHECK(keyed.partial_order == "sleep sets");
  CHECK(keyed.stats.distinct_states < plain.stats.distinct_states);
}
