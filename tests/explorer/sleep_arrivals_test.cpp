// Sleep-set arrivals (explorer/search/sleep_sets.hpp) against std::map:
// after build(), find(fp) is the intersection of the sleep sets of all of
// fp's arrivals, in either layout (bit word, key list), and null for a
// fingerprint that never arrived; clear() then starts a new level. Many
// fingerprints share their low bits (the table's slot), so probing runs long.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "explorer/search/sleep_sets.hpp"

using namespace replicheck;

namespace {

// A sleep set of keys below 64, written in Set's layout.
template <class Set>
std::vector<std::uint8_t> record(const std::set<std::uint16_t>& keys) {
  typename Set::Pending pending{};
  Set::clear(pending);
  for (std::uint16_t k : keys) Set::add(pending, k);
  std::vector<std::uint8_t> bytes(Set::bytes(pending));
  Set::write(bytes.data(), pending);
  return bytes;
}

template <class Set>
void agrees_with_map() {
  SleepArrivals<Set> arrivals;
  for (int level = 0; level < 2; ++level) {
    auto count = *rc::gen::inRange<std::size_t>(1, 3000);
    auto crowd = *rc::gen::inRange<unsigned>(2, 33);  // the low 32 bits from 2^crowd values
    auto states = *rc::gen::inRange<std::size_t>(1, count + 1);
    std::vector<std::uint64_t> fps;
    for (std::size_t i = 0; i < states; ++i) {
      std::uint64_t low = *rc::gen::arbitrary<std::uint32_t>() & ((std::uint64_t{1} << crowd) - 1);
      fps.push_back(std::uint64_t(*rc::gen::arbitrary<std::uint32_t>()) << 32 | low);
    }
    std::map<std::uint64_t, std::set<std::uint16_t>> agreed;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t fp = fps[*rc::gen::inRange<std::size_t>(0, fps.size())];
      std::set<std::uint16_t> keys;
      for (auto k : *rc::gen::container<std::vector<std::uint16_t>>(*rc::gen::inRange(0, 12), rc::gen::inRange<std::uint16_t>(0, 64)))
        keys.insert(k);
      auto bytes = record<Set>(keys);
      arrivals.add(fp, bytes.data());
      auto [it, first] = agreed.emplace(fp, keys);
      if (!first) {
        std::set<std::uint16_t> both;
        std::set_intersection(it->second.begin(), it->second.end(), keys.begin(), keys.end(),
                              std::inserter(both, both.end()));
        it->second = both;
      }
    }
    RC_ASSERT(!arrivals.empty());
    arrivals.build();
    for (const auto& [fp, keys] : agreed) {
      const std::uint8_t* found = arrivals.find(fp);
      RC_ASSERT(found != nullptr);
      for (std::uint16_t k = 0; k < 64; ++k) RC_ASSERT(Set::has(found, k) == (keys.count(k) == 1));
    }
    for (int k = 0; k < 100; ++k) {
      std::uint64_t stranger = *rc::gen::arbitrary<std::uint64_t>();
      if (!agreed.count(stranger)) RC_ASSERT(arrivals.find(stranger) == nullptr);
    }
    arrivals.clear();
    RC_ASSERT(arrivals.empty());
  }
}

}  // namespace

TEST_CASE("sleep-set arrivals intersect each state's arrivals in both layouts") {
  rc::prop("bit words", [] { agrees_with_map<SleepMask>(); });
  rc::prop("key lists", [] { agrees_with_map<SleepList>(); });
}
