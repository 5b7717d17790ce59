// The fingerprint set against std::set: every insert answers Added or
// Present as a set would, across the many in-place growths of a table that
// starts at 1,024 slots, for spread keys, keys crowded into one end of the
// table (whose runs spill into the overflow), and the empty-slot key 0; and
// a table that may not grow answers Full rather than losing keys, after
// growing in smaller steps to use all it may.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <cstdint>
#include <set>
#include <vector>

#include "explorer/search/fingerprint_set.hpp"

using namespace replicheck;

namespace {
using Insert = FingerprintSet::Insert;
const auto kAlways = [](std::size_t) { return true; };

// Inserts every key into a fresh table and a std::set; true when the table
// answered as the set would throughout and holds exactly the set's keys.
bool agrees_with_set(const std::vector<std::uint64_t>& keys, const std::vector<std::uint64_t>& strangers,
                     std::size_t reserve_at_most = 0, std::size_t* bytes = nullptr) {
  FingerprintSet table(reserve_at_most);
  std::set<std::uint64_t> model;
  for (std::uint64_t k : keys) {
    Insert expected = model.insert(k | (k == 0)).second ? Insert::Added : Insert::Present;  // 0 is stored as 1
    if (table.insert(k, kAlways) != expected) return false;
  }
  if (bytes) *bytes = table.bytes();
  if (table.size() != model.size()) return false;
  for (std::uint64_t k : keys)
    if (!table.contains(k)) return false;
  for (std::uint64_t k : strangers)
    if (table.contains(k) != (model.count(k | (k == 0)) > 0)) return false;
  return true;
}

// Keys from one of three shapes: anywhere; in the table's last 1/64 (their
// homes crowd the end, so runs reach the overflow); small (the first slots,
// and 0 and 1, which are one key).
rc::Gen<std::uint64_t> key_gen() {
  return rc::gen::oneOf(rc::gen::arbitrary<std::uint64_t>(),
                        rc::gen::map(rc::gen::arbitrary<std::uint64_t>(),
                                     [](std::uint64_t k) { return ~std::uint64_t{0} - (k >> 6); }),
                        rc::gen::inRange<std::uint64_t>(0, 64));
}
}  // namespace

TEST_CASE("the fingerprint set answers as a set does across its growths") {
  rc::prop("random keys, repeated keys and crowded keys", [] {
    auto distinct = *rc::gen::container<std::vector<std::uint64_t>>(*rc::gen::inRange<std::size_t>(0, 6000), key_gen());
    // Every key once more, in another order: the second time it is Present.
    auto keys = distinct;
    auto again = *rc::gen::container<std::vector<std::size_t>>(distinct.size(), rc::gen::inRange<std::size_t>(0, distinct.size() + 1));
    for (std::size_t i : again) keys.push_back(i < distinct.size() ? distinct[i] : 0);
    auto strangers = *rc::gen::container<std::vector<std::uint64_t>>(200, key_gen());
    RC_ASSERT(agrees_with_set(keys, strangers));
  });
}

TEST_CASE("a large fingerprint set keeps every key through twenty growths") {
  std::vector<std::uint64_t> keys;
  std::uint64_t x = 0x9e3779b97f4a7c15;
  for (int i = 0; i < 600'000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift64: spread, repeatable keys
    keys.push_back(x);
  }
  std::vector<std::uint64_t> strangers(keys.begin() + 300'000, keys.end());
  keys.resize(300'000);
  std::size_t bytes = 0;
  CHECK(agrees_with_set(keys, strangers, 0, &bytes));
  // 300 k keys in 8-byte slots at 42.5-85% load (a table this small doubles
  // when it grows), plus the 4,096 overflow slots.
  CHECK(bytes >= 300'000 * 8 * 100 / 85);
  CHECK(bytes <= std::size_t{300'000} * 8 * 1000 / 425 + 4096 * 8);
  // With 2 MiB of address space reserved at first, the table must move to
  // a larger range as it grows, and keeps every key.
  std::size_t moved_bytes = 0;
  CHECK(agrees_with_set(keys, strangers, 2 << 20, &moved_bytes));
  CHECK(moved_bytes == bytes);
  CHECK(moved_bytes > 2 << 20);
}

TEST_CASE("a fingerprint set that may not grow fills up, then answers Full and keeps its keys") {
  FingerprintSet table;
  const auto never = [](std::size_t) { return false; };
  std::vector<std::uint64_t> added;
  std::uint64_t x = 12345;
  Insert last = Insert::Added;
  for (int i = 0; i < 5000 && last != Insert::Full; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    last = table.insert(x, never);
    if (last == Insert::Added) added.push_back(x);
  }
  REQUIRE(last == Insert::Full);
  // Full only past 97% of the 1,024 home slots (or when the overflow is used up).
  CHECK(added.size() >= 1024 - 1024 / 32);
  CHECK(table.size() == added.size());
  for (std::uint64_t k : added) CHECK(table.insert(k, never) == Insert::Present);
  CHECK_FALSE(table.contains(x));
}

TEST_CASE("near its memory bound a fingerprint set grows in smaller steps and uses what it may") {
  // May grow to 2 MiB. Only doubling, it would stop at 1.03 MiB (52%: the
  // next doubling would pass the bound); by a half down to a 32nd when
  // doubling is refused, it reaches 1.96 MiB (98%).
  const std::size_t limit = 2 << 20;
  FingerprintSet table;
  auto within = [&](std::size_t extra) { return table.bytes() + extra <= limit; };
  std::set<std::uint64_t> added;
  std::uint64_t x = 99;
  Insert last = Insert::Added;
  for (int i = 0; i < 400'000 && last != Insert::Full; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    last = table.insert(x, within);
    if (last == Insert::Added) added.insert(x);
  }
  REQUIRE(last == Insert::Full);
  CHECK(table.bytes() <= limit);
  CHECK(table.bytes() > limit / 100 * 95);
  CHECK(table.size() == added.size());
  for (std::uint64_t k : added) CHECK(table.contains(k));
}
