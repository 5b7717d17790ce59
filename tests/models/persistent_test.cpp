// The persistent-set contract (explorer/search/persistent_sets.hpp), checked
// on every reachable state of small configurations of each model that takes
// actions alone: an action the model lets stand alone in s, and enabled,
// - is invisible: every property evaluates the same before and after it,
//   and so does quiescence;
// - commutes with every other enabled action b: b stays enabled after it,
//   it stays enabled (and still alone) after b, and both orders reach the
//   same state.
// With stability this makes {a} persistent by induction along any path
// that does not take a. Seeded wrong promises (below) must be caught.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "explorer/search/persistent_sets.hpp"
#include "models/catalog.hpp"
#include "tests/models/reachable.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;

namespace {

using testing::bytes;
using testing::candidates;
using testing::seen_by_properties;

template <class M>
bool offered(const M& m, const typename M::State& s, const typename M::Action& a) {
  for (const auto& b : candidates(m, s))
    if (m.describe(b) == m.describe(a)) return true;
  return false;
}

// The first broken promise found in the reachable states (at most
// max_states of them, breadth first), with how many alone steps were
// checked, or nothing.
template <class M>
std::optional<std::string> contract_breach(const M& m, std::size_t max_states, std::size_t& checked) {
  using State = typename M::State;
  State t{}, u{}, tu{}, ut{};
  return testing::first_breach(m, max_states, [&](const State& s, const auto& acts) -> std::optional<std::string> {
    for (const auto& a : acts) {
      if (!m.alone(s, a) || !m.next(s, a, t)) continue;
      ++checked;
      const std::string name = m.describe(a);
      const std::string before = seen_by_properties(m, s), after = seen_by_properties(m, t);
      if (before[0] != after[0]) return "quiescence sees " + name;
      for (std::size_t p = 1; p < before.size(); ++p)
        if (before[p] != after[p]) return m.properties()[p - 1].name + " sees " + name;
      for (const auto& b : acts) {
        if (m.describe(b) == name || !m.next(s, b, u)) continue;
        std::string pair = name + " / " + m.describe(b);
        if (!offered(m, t, b) || !m.next(t, b, tu)) return "disables the other: " + pair;
        if (!offered(m, u, a) || !m.next(u, a, ut)) return "disabled by the other: " + pair;
        if (!m.alone(u, a)) return "no longer alone after the other: " + pair;
        if (bytes(m, tu) != bytes(m, ut)) return "the two orders reach different states: " + pair;
      }
    }
    return std::nullopt;
  });
}

// Seeded bugs: promises LWW must not make.
// Every ship alone, even one that would only skip writes replicated from
// elsewhere (a write appended behind them would then be shipped by the
// same step in one order and not in the other).
struct EveryShipAlone : models::Lww {
  using models::Lww::Lww;
  bool alone(const State&, const Action& a) const { return a.kind == Action::Ship; }
};
// A delivery alone: the destination's clients read what it applies.
struct DeliveryAlone : models::Lww {
  using models::Lww::Lww;
  bool alone(const State& s, const Action& a) const {
    return a.kind == Action::Deliver || models::Lww::alone(s, a);
  }
};
// Ships alone despite crashes: a crash stops the replicator.
struct ShipAloneDespiteCrashes : models::Lww {
  using models::Lww::Lww;
  bool alone(const State& s, const Action& a) const {
    if (a.kind != Action::Ship) return false;
    const auto& source = s.regions[a.a].data;
    for (int i = s.replicators[a.a * kRegions + a.b].data.position; i < source.stream_length; ++i)
      if (source.stream[i].origin == a.a) return true;
    return false;
  }
};

// Every redo shipper alone, even to a secondary that already holds the
// record (it would be re-sent to a caught-up, quiescent world).
struct EveryRedoShipAlone : models::LogShipping {
  using models::LogShipping::LogShipping;
  bool alone(const State&, const Action& a) const { return a.kind == Action::Ship; }
};

template <class M>
std::vector<std::vector<std::string>> configurations() {
  if constexpr (std::is_same_v<M, models::Lww>)
    return {{"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0"},
            {"regions=3", "clients=3", "keys=1", "ops=1", "crashes=0"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "cuts=1", "isolations=1"},
            {"regions=2", "clients=2", "keys=1", "ops=3", "crashes=0", "pattern=sticky"},
            {"regions=2", "clients=2", "keys=1", "ops=3", "crashes=0", "pattern=version-tokens", "reads=eventual"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "pattern=conditional"},
            {"regions=2", "clients=2", "keys=2", "ops=2", "crashes=0", "pattern=home-region"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "ordering=unordered"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "skew=1"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "workload=counter"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "bug=no-tiebreak", "skew=1"},
            {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0", "bug=apply-without-compare"}};
  else if constexpr (std::is_same_v<M, models::LogShipping>)
    return {{},
            {"switchovers=0", "failovers=0"},
            {"switchovers=0"},
            {"failovers=0", "isolations=0"},
            {"regions=3", "clients=1", "ops=1"},
            {"fencing=lease"},
            {"fencing=none"},
            {"cuts=1", "isolations=1", "switchovers=0"},
            {"ordering=unordered", "switchovers=0", "failovers=0"},
            {"rpo=1"},
            {"forwarding=session", "switchovers=0", "failovers=0"},
            {"pattern=lsn-token", "switchovers=0", "failovers=0"},
            {"bug=promote-without-drain"},
            {"bug=apply-out-of-order", "switchovers=0", "failovers=0"},
            {"bug=rejoin-without-discard"},
            {"bug=no-fence"},
            {"bug=token-ignored", "pattern=lsn-token"}};
  else return {};
}

constexpr std::size_t kStates = 20000;

template <class M>
std::optional<std::string> breach_in(const std::vector<std::string>& params) {
  std::size_t checked = 0;
  return contract_breach(M(Params(M::param_specs(), params)), kStates, checked);
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("persistent sets: an action taken alone is invisible and commutes, on every reachable state",
                        "[persistent]", models::AllModels) {
  using M = TestType;
  if constexpr (HasPersistentSets<M>) {
    auto configs = configurations<M>();
    REQUIRE(!configs.empty());  // a model that takes actions alone lists configurations here
    for (const auto& params : configs) {
      INFO(M::kName << " " << Catch::Detail::stringify(params));
      M m = testing::make<M>(params);
      REQUIRE(!persistent_sets_offered(m).empty());
      std::size_t checked = 0;
      CHECK(contract_breach(m, kStates, checked).value_or("") == "");
      CHECK(checked > 0);  // the contract was exercised, not vacuous
    }
  } else {
    CHECK(persistent_sets_offered(testing::make<M>({})).empty());
  }
}

TEST_CASE("persistent sets: lww takes nothing alone where a fault could stop a ship", "[persistent]") {
  for (const char* fault : {"crashes=1", "pauses=1", "outages=1", "drops=1", "duplicates=1"}) {
    INFO(fault);
    CHECK(persistent_sets_offered(testing::make<models::Lww>({fault, fault[0] == 'c' ? "pauses=0" : "crashes=0"}))
              .empty());
  }
  for (const char* bug : {"bug=checkpoint-before-apply", "bug=relay-no-origin-check"})
    CHECK(persistent_sets_offered(testing::make<models::Lww>({"crashes=0", bug})).empty());
}

TEST_CASE("persistent sets: wrong promises are caught", "[persistent]") {
  const std::vector<std::string> two = {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0"};
  const std::vector<std::string> three = {"regions=3", "clients=3", "keys=1", "ops=1", "crashes=0"};
  auto every_ship = breach_in<EveryShipAlone>(three);
  REQUIRE(every_ship.has_value());
  INFO(*every_ship);
  CHECK(every_ship->find("the two orders reach different states") != std::string::npos);
  auto delivery = breach_in<DeliveryAlone>(two);
  REQUIRE(delivery.has_value());
  INFO(*delivery);
  CHECK(delivery->find("applies replicated write") != std::string::npos);
  auto crashes = breach_in<ShipAloneDespiteCrashes>({"regions=2", "clients=2", "keys=1", "ops=2", "crashes=1"});
  REQUIRE(crashes.has_value());
  auto redo = breach_in<EveryRedoShipAlone>({});
  REQUIRE(redo.has_value());
  INFO(*redo);
  CHECK(redo->find("redo shipper") != std::string::npos);
  INFO(*crashes);
  CHECK(crashes->find("disabled by the other") != std::string::npos);
}
