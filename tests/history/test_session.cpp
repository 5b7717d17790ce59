// Session guarantees: for each one, histories that pass and that fail. A
// failing history must fail with the guarantee and pass without it (all
// others still on), which shows that this guarantee is what catches it.
// Several histories add a write by session 9 that spans the whole history:
// it keeps the reads from being "final" reads, so that no-lost-writes stays
// out of the way.
#include <catch2/catch.hpp>

#include <algorithm>

#include "properties/session.hpp"
#include "tests/history/ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

namespace {

using G = Guarantee;
const std::vector<G> kAll(std::begin(kAllGuarantees), std::end(kAllGuarantees));

std::vector<G> all_but(G g) {
  std::vector<G> gs = kAll;
  gs.erase(std::find(gs.begin(), gs.end(), g));
  return gs;
}

bool holds(const History& h, const std::vector<G>& gs, Model m = Model::kRegister) {
  return check_session_guarantees(h, m, gs).ok();
}

// Fails with `g` (alone if `alone`, and with all), passes without it.
void caught_by(G g, const History& h, bool alone = true, Model m = Model::kRegister) {
  INFO(to_string(g));
  if (alone) CHECK_FALSE(holds(h, {g}, m));
  const auto all = check_session_guarantees(h, m, kAll);
  REQUIRE_FALSE(all.ok());
  const auto& involved = all.violations.front().guarantees;
  CHECK(std::find(involved.begin(), involved.end(), g) != involved.end());
  CHECK(holds(h, all_but(g), m));
}

const Operation kLongWrite = write_op(9, num(99), 0, 1000);

}  // namespace

TEST_CASE("read-your-writes", "[session]") {
  CHECK(holds({{write_op(1, num(1), 0, 1), read_op(1, num(1), 2, 3)}}, kAll));
  // Another session's write may be ordered after mine.
  CHECK(holds({{write_op(1, num(1), 2, 3), write_op(2, num(2), 0, 10), read_op(1, num(2), 4, 5), kLongWrite}}, kAll));
  // My write, then the initial value.
  caught_by(G::kReadYourWrites, {{write_op(1, num(1), 0, 1), read_op(1, nil, 2, 3), kLongWrite}});
  // Each session sees the other's write but not its own: both cannot be last.
  CHECK_FALSE(holds({{write_op(1, num(1), 0, 1), read_op(1, num(2), 4, 5), write_op(2, num(2), 0, 1),
                      read_op(2, num(1), 4, 5)}},
                    {G::kReadYourWrites}));
  // cas reads and writes: my cas 1->2, then a read of the 1 it replaced.
  caught_by(G::kReadYourWrites, {{write_op(1, num(1), 0, 1), cas_op(1, num(1), num(2), 2, 3),
                                  read_op(1, num(1), 4, 5), kLongWrite}});
}

TEST_CASE("monotonic reads", "[session]") {
  const Operation w1 = write_op(1, num(1), 0, 1), w2 = write_op(1, num(2), 2, 3);
  CHECK(holds({{w1, w2, read_op(2, nil, 0, 1), read_op(2, num(1), 2, 3), read_op(2, num(2), 4, 5)}}, kAll));
  caught_by(G::kMonotonicReads, {{w1, w2, read_op(2, num(1), 4, 5), read_op(2, num(2), 6, 7),
                                  read_op(2, num(1), 8, 9), kLongWrite}});
  caught_by(G::kMonotonicReads, {{w1, read_op(2, num(1), 4, 5), read_op(2, nil, 6, 7), kLongWrite}});
}

TEST_CASE("monotonic writes", "[session]") {
  const Operation w1 = write_op(1, num(1), 0, 1), w2 = write_op(1, num(2), 2, 3);
  CHECK(holds({{w1, w2, read_op(2, num(1), 4, 5), read_op(2, num(2), 6, 7), kLongWrite}}, kAll));
  // Single-value reads reveal the version order only through other demands,
  // so monotonic writes fails together with another guarantee:
  // seen by one reader as 2 then 1 (with monotonic reads) ...
  caught_by(G::kMonotonicWrites, {{w1, w2, read_op(2, num(2), 4, 5), read_op(2, num(1), 6, 7), kLongWrite}}, false);
  CHECK_FALSE(holds({{w1, w2, read_op(2, num(2), 4, 5), read_op(2, num(1), 6, 7)}},
                    {G::kMonotonicWrites, G::kMonotonicReads}));
  // ... or the writer reads its first write back (with read-your-writes).
  caught_by(G::kMonotonicWrites, {{w1, w2, read_op(1, num(1), 4, 5), kLongWrite}}, false);
}

TEST_CASE("writes follow reads", "[session]") {
  const Operation w1 = write_op(0, num(1), 0, 1);
  CHECK(holds({{w1, read_op(1, num(1), 2, 3), write_op(1, num(2), 4, 5), read_op(2, num(1), 2, 3),
                read_op(2, num(2), 6, 7)}},
              kAll));
  // Circular: each session read what the other wrote only afterwards.
  caught_by(G::kWritesFollowReads, {{read_op(1, text("b"), 0, 5), write_op(1, text("a"), 6, 7),
                                     read_op(2, text("a"), 8, 9), write_op(2, text("b"), 10, 11)}});
  // An observer sees the write that followed a read, then what was read.
  caught_by(G::kWritesFollowReads, {{w1, read_op(1, num(1), 2, 3), write_op(1, num(2), 4, 5),
                                     read_op(2, num(2), 6, 7), read_op(2, num(1), 8, 9), kLongWrite}},
            false);
}

TEST_CASE("no acknowledged write lost", "[session]") {
  CHECK(holds({{write_op(1, num(1), 0, 3), write_op(2, num(2), 0, 3), read_op(3, num(2), 5, 6),
                read_op(4, num(2), 5, 6)}},
              kAll));
  // A read after the write completed may still see nil if it is not final...
  CHECK(holds({{write_op(1, num(1), 0, 1), read_op(2, nil, 5, 6), kLongWrite}}, kAll));
  // ... but once every write completed, the write must be visible.
  const History stale{{write_op(1, num(1), 0, 1), read_op(2, nil, 5, 6)}};
  caught_by(G::kNoLostWrites, stale);
  // Unless the store is allowed until t=10 to converge.
  CHECK(check_session_guarantees(stale, Model::kRegister, kAll, 10).ok());
  CHECK_FALSE(check_session_guarantees({{write_op(1, num(1), 0, 1), read_op(2, nil, 5, 6), read_op(2, nil, 11, 12)}},
                                       Model::kRegister, kAll, 10)
                  .ok());
  // Final reads disagree: one of the two writes is lost to one reader.
  caught_by(G::kNoLostWrites, {{write_op(1, num(1), 0, 3), write_op(2, num(2), 0, 3), read_op(3, num(1), 5, 6),
                                read_op(4, num(2), 5, 6)}});
  // A write that began after the version read had completed is lost.
  caught_by(G::kNoLostWrites, {{write_op(1, num(1), 0, 1), write_op(2, num(2), 2, 3), read_op(3, num(1), 5, 6)}});
  CHECK(holds({{write_op(1, num(1), 0, 2), write_op(2, num(2), 1, 3), read_op(3, num(1), 5, 6)}}, kAll));
  // Key-value map: the final value lost an append, or a put.
  caught_by(G::kNoLostWrites, {{append_op(1, "a", 0, 1, Status::kOk, "k"), append_op(2, "b", 2, 3, Status::kOk, "k"),
                                read_op(3, text("a"), 5, 6, Status::kOk, "k")}},
            true, Model::kKv);
  CHECK(holds({{append_op(1, "a", 0, 1, Status::kOk, "k"), append_op(2, "b", 2, 3, Status::kOk, "k"),
                read_op(3, text("ab"), 5, 6, Status::kOk, "k")}},
              kAll, Model::kKv));
  caught_by(G::kNoLostWrites, {{write_op(1, text("v"), 0, 1, Status::kOk, "k"), read_op(3, nil, 5, 6, Status::kOk, "k")}},
            true, Model::kKv);
}

TEST_CASE("reads of repeated or unwritten values", "[session]") {
  // Value 1 written twice: the read is ambiguous and demands nothing.
  const auto ambiguous = check_session_guarantees(
      {{write_op(1, num(1), 0, 1), write_op(2, num(1), 0, 1), read_op(1, nil, 2, 3), read_op(3, num(1), 4, 5)}},
      Model::kRegister, {G::kMonotonicReads});
  CHECK(ambiguous.ok());
  CHECK(ambiguous.ambiguous_reads == std::vector<std::size_t>{3});
  const auto unwritten = check_session_guarantees({{read_op(1, num(5), 0, 1)}}, Model::kRegister);
  CHECK(unwritten.ok());
  CHECK(unwritten.unwritten_reads == std::vector<std::size_t>{0});
  // Keys are separate objects.
  CHECK(holds({{write_op(1, num(1), 0, 1, Status::kOk, "x"), read_op(1, nil, 2, 3, Status::kOk, "y")}}, kAll));
  // Failed writes never happened; unknown ones may have.
  CHECK(check_session_guarantees({{write_op(1, num(1), 0, 1, Status::kFail), read_op(2, num(1), 2, 3)}},
                                 Model::kRegister)
            .unwritten_reads.size() == 1);
  CHECK(check_session_guarantees({{write_op(1, num(1), 0, 1, Status::kInfo), read_op(2, num(1), 2, 3)}},
                                 Model::kRegister)
            .unwritten_reads.empty());
}

TEST_CASE("the explanation lists the demands in the cycle", "[session]") {
  const History h{{write_op(1, num(1), 0, 1), read_op(1, nil, 2, 3), kLongWrite}};
  const auto result = check_session_guarantees(h, Model::kRegister);
  REQUIRE(result.violations.size() == 1);
  const SessionViolation& v = result.violations[0];
  REQUIRE(v.cycle.size() == 2);
  CHECK_FALSE(v.cycle[0].from.has_value());  // the initial value ...
  CHECK(v.cycle[0].to == std::optional<std::size_t>{0});
  CHECK(v.cycle[0].strict);  // ... < write 1 ...
  CHECK(v.cycle[1].because == G::kReadYourWrites);
  CHECK(v.cycle[1].ops == std::vector<std::size_t>{0, 1});  // ... <= what the read saw: nil
  const std::string text = explain(v, h);
  CHECK(text.find("read-your-writes") != std::string::npos);
  CHECK(text.find("the initial value") != std::string::npos);
  CHECK(text.find("precede itself") != std::string::npos);
}

TEST_CASE("session checks reject the counter model", "[session]") {
  CHECK_THROWS_AS(check_session_guarantees({}, Model::kCounter), std::invalid_argument);
}
