// The symmetry contract (explorer/search/symmetry.hpp), checked on every
// reachable state of small configurations: each renaming g a model declares
// - maps the initial states onto themselves;
// - is invisible: every property, and quiescence, sees s and g(s) alike;
// - commutes with the transitions: the successors of g(s) are exactly the
//   renamed successors of s.
// Then g maps the reachable graph onto itself with every verdict kept, so
// storing one state per orbit loses nothing. reduction_test compares whole
// searches; this finds the one state where a renaming and a step disagree.
// Renamings that are not symmetries (below) must be caught.
#include <catch2/catch.hpp>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/catalog.hpp"
#include "tests/models/reachable.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;

namespace {

using testing::bytes;
using testing::seen_by_properties;

template <class M>
std::vector<std::string> successors(const M& m, const typename M::State& s, const world::Renaming* g) {
  std::vector<std::string> out;
  typename M::State t{};
  for (const auto& a : testing::candidates(m, s))
    if (m.next(s, a, t)) out.push_back(bytes(m, g ? m.renamed(t, *g) : t));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The first state where one of `group` breaks the contract, or nothing;
// `checked` counts the (state, renaming) pairs.
template <class M>
std::optional<std::string> contract_breach(const M& m, const std::vector<world::Renaming>& group,
                                           std::size_t max_states, std::size_t& checked) {
  using State = typename M::State;
  std::vector<std::string> initial;
  for (const State& s : m.initial_states()) initial.push_back(bytes(m, s));
  for (const State& s : m.initial_states())
    for (std::size_t k = 0; k < group.size(); ++k)
      if (std::find(initial.begin(), initial.end(), bytes(m, m.renamed(s, group[k]))) == initial.end())
        return fmt::format("renaming {} moves an initial state out of the initial states", k);
  return testing::first_breach(m, max_states, [&](const State& s, const auto&) -> std::optional<std::string> {
    for (std::size_t k = 0; k < group.size(); ++k) {
      ++checked;
      const State gs = m.renamed(s, group[k]);
      if (seen_by_properties(m, s) != seen_by_properties(m, gs))
        return fmt::format("renaming {} changes what the properties see", k);
      if (successors(m, gs, nullptr) != successors(m, s, &group[k]))
        return fmt::format("renaming {} does not commute with the steps (after {} checks)", k, checked);
    }
    return std::nullopt;
  });
}

// Regions 1 and 2 swapped, with clients 1 and 2: not a symmetry of LWW or
// log shipping with a third operation (it reads at its home's next region),
// nor of MRSC (a region appends with the next region up that it reaches).
world::Renaming transposition(int max_ops) {
  world::Renaming g;
  g.region = {0, 2, 1, 3};
  g.client = {0, 2, 1, 3};
  g.max_ops = max_ops;
  return g;
}

template <class M>
void holds_for(const std::vector<std::vector<std::string>>& configurations, std::size_t max_states) {
  for (const auto& params : configurations) {
    M m = testing::make<M>(params);
    INFO(M::kName << " " << Catch::Detail::stringify(params));
    REQUIRE(!m.symmetries().empty());
    std::size_t checked = 0;
    std::optional<std::string> breach = contract_breach(m, m.symmetries(), max_states, checked);
    CHECK(breach.value_or("") == "");
    CHECK(checked > 0);
  }
}

}  // namespace

TEST_CASE("symmetry contract: every LWW renaming commutes with the steps", "[symmetry]") {
  holds_for<models::Lww>({{"regions=3", "clients=3", "keys=1", "ops=1", "crashes=0"},
                          {"regions=3", "clients=3", "keys=1", "ops=3", "crashes=0", "cuts=1"},
                          {"regions=2", "clients=3", "homes=0,0,1", "keys=1", "ops=2", "crashes=0"},
                          {"regions=2", "clients=2", "keys=1", "ops=2", "pattern=sticky", "outages=1"},
                          {"regions=2", "clients=2", "keys=1", "ops=2", "workload=counter"},
                          {"regions=2", "clients=2", "keys=1", "ops=2", "skew=1,1", "isolations=1"}},
                         20000);
}

TEST_CASE("symmetry contract: every MRSC renaming commutes with the steps", "[symmetry]") {
  holds_for<models::Mrsc>({{"clients=3", "ops=1"},
                           {"clients=3", "cuts=1"},
                           {"clients=3", "ops=1", "crashes=1"},
                           {"clients=3", "ops=1", "losses=1", "isolations=1"},
                           {"clients=3", "ops=1", "reads=mixed", "outages=1"},
                           {"clients=3", "ops=1", "workload=counter"},
                           {"clients=3", "ops=1", "witness=1"}},
                          20000);
}

TEST_CASE("symmetry contract: every log-shipping renaming commutes with the steps", "[symmetry]") {
  const std::vector<std::string> base{"regions=3", "clients=3", "keys=1", "ops=1"};
  auto with = [&](std::vector<std::string> more) {
    more.insert(more.begin(), base.begin(), base.end());
    return more;
  };
  holds_for<models::LogShipping>({base,
                                  {"regions=3", "clients=3", "keys=1", "fencing=lease"},
                                  with({"fencing=none", "rpo=1"}),
                                  with({"pattern=lsn-token", "drops=1"}),
                                  with({"pattern=sticky", "crashes=1"}),
                                  with({"forwarding=global", "outages=1"}),
                                  with({"forwarding=session", "bug=forward-eventual-as-session"}),
                                  with({"bug=promote-without-drain", "cuts=1"}),
                                  with({"bug=rejoin-without-discard", "duplicates=1"}),
                                  {"regions=3", "clients=2", "homes=1,1", "keys=1", "ops=2"}},
                                 20000);
}

TEST_CASE("symmetry contract: renamings that are not symmetries are caught", "[symmetry]") {
  std::size_t checked = 0;
  auto lww = testing::make<models::Lww>({"regions=3", "clients=3", "keys=1", "ops=3", "crashes=0"});
  CHECK(contract_breach(lww, {transposition(models::Lww::kMaxOps)}, 20000, checked).has_value());
  auto mrsc = testing::make<models::Mrsc>({"clients=3", "ops=1"});
  CHECK(contract_breach(mrsc, {transposition(models::Mrsc::kMaxOps)}, 20000, checked).has_value());
  // The witness is r2: no renaming may move it.
  auto witness = testing::make<models::Mrsc>({"clients=2", "ops=1", "witness=1", "homes=0,1"});
  world::Renaming swap01;
  swap01.region = {1, 0, 2, 3};
  swap01.client = {1, 0, 2, 3};
  swap01.max_ops = models::Mrsc::kMaxOps;
  CHECK(contract_breach(witness, {swap01}, 20000, checked).has_value());
  swap01.max_ops = models::LogShipping::kMaxOps;
  // Log shipping: region 0 holds the first primary; and a third operation
  // reads at the next region, which swapping the secondaries moves.
  auto logship = testing::make<models::LogShipping>({"regions=3", "clients=3", "keys=1", "ops=1"});
  CHECK(contract_breach(logship, {swap01}, 20000, checked).has_value());
  auto third = testing::make<models::LogShipping>({"regions=3", "clients=3", "keys=1", "ops=3"});
  CHECK(third.symmetries().empty());
  CHECK(contract_breach(third, {transposition(models::LogShipping::kMaxOps)}, 20000, checked).has_value());
  // Unequal skews: LWW's tie-break on the region id decides.
  auto skewed = testing::make<models::Lww>({"regions=3", "clients=3", "keys=1", "ops=1", "crashes=0", "skew=0,1,0"});
  world::Renaming rotate;
  rotate.region = {1, 2, 0, 3};
  rotate.client = {1, 2, 0, 3};
  rotate.max_ops = models::Lww::kMaxOps;
  CHECK(contract_breach(skewed, {rotate}, 20000, checked).has_value());
}
