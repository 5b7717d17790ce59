// Boost.MSM pitfalls that would silently corrupt exploration.
#include <catch2/catch.hpp>
#include <vector>

#include "protocol/two_phase/resource_manager.hpp"
#include "protocol/two_phase/transaction_manager.hpp"

using namespace replicheck::protocol;
using namespace replicheck::protocol::two_phase;

TEST_CASE("copying a machine keeps its active state (MSM's forwarding constructor would reset it)") {
  Machine<ResourceManagerDef> m;
  REQUIRE(m.fire(Prepare{}));
  REQUIRE(m.in<ResourceManagerDef::Prepared>());
  Machine<ResourceManagerDef> copy(m);
  CHECK(copy.in<ResourceManagerDef::Prepared>());
  Machine<ResourceManagerDef> moved(std::move(copy));
  CHECK(moved.in<ResourceManagerDef::Prepared>());
  std::vector<Machine<ResourceManagerDef>> grown;
  for (int i = 0; i < 10; ++i) grown.push_back(m);  // reallocation copies
  for (const auto& g : grown) CHECK(g.in<ResourceManagerDef::Prepared>());
}

TEST_CASE("a guard that refuses leaves the role unchanged and reports not handled") {
  Role<TransactionManagerDef> tm;
  tm.data.rm_count = 2;
  Role<TransactionManagerDef> after;
  CHECK_FALSE(tm.fire(DecideCommit{}, after));  // nobody voted yet
  CHECK(tm.in<TransactionManagerDef::Undecided>());
  CHECK(tm.fire(RcvPrepared{0}));
  CHECK_FALSE(tm.fire(RcvPrepared{0}));  // a vote counts once
  CHECK(tm.fire(RcvPrepared{1}));
  CHECK(tm.fire(DecideCommit{}, after));
  CHECK(after.in<TransactionManagerDef::Committed>());
  CHECK(tm.in<TransactionManagerDef::Undecided>());  // fire(e, after) never changes the source
  CHECK(Role<TransactionManagerDef>::outbox().size == 1);
  CHECK(Role<TransactionManagerDef>::outbox().items[0].kind == Message::Commit);
}

TEST_CASE("an event with no row is refused, not an assertion") {
  Role<ResourceManagerDef> rm;
  REQUIRE(rm.fire(ChooseToAbort{}));
  CHECK_FALSE(rm.fire(Prepare{}));
  CHECK(rm.in<ResourceManagerDef::Aborted>());
}
