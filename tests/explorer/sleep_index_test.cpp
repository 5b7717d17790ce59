// The sleep index (explorer/search/sleep_sets.hpp) against std::map: every
// offset inserted is found again for its fingerprint across the index's
// growths, fingerprints never inserted are not found (even with the same
// tag: the caller's confirmation decides), and clear() forgets everything.
// Fingerprints are drawn so that many share low bits (the index's tag and
// home), so probing runs long and tags collide.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <cstdint>
#include <map>
#include <vector>

#include "explorer/search/sleep_sets.hpp"

using namespace replicheck;

TEST_CASE("the sleep index finds each level's records across its growths") {
  rc::prop("distinct fingerprints, crowded homes", [] {
    auto count = *rc::gen::inRange<std::size_t>(0, 5000);
    auto crowd = *rc::gen::inRange<unsigned>(4, 33);  // the low 32 bits (tag, home) from 2^crowd values
    std::map<std::uint64_t, std::uint64_t> model;      // fingerprint -> offset
    std::vector<std::uint64_t> at_offset;              // offset -> fingerprint (what the records say)
    SleepIndex index;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t low = *rc::gen::arbitrary<std::uint32_t>() & ((std::uint64_t{1} << crowd) - 1);
      std::uint64_t fp = std::uint64_t(*rc::gen::arbitrary<std::uint32_t>()) << 32 | low;
      if (model.count(fp)) continue;
      model[fp] = at_offset.size();
      index.insert(fp, at_offset.size());
      at_offset.push_back(fp);
    }
    for (const auto& [fp, offset] : model)
      RC_ASSERT(index.find(fp, [&, fp = fp](std::uint64_t o) { return at_offset.at(o) == fp; }) == offset);
    for (int k = 0; k < 100; ++k) {
      std::uint64_t stranger = *rc::gen::arbitrary<std::uint64_t>();
      if (model.count(stranger)) continue;
      RC_ASSERT(index.find(stranger, [&](std::uint64_t o) { return at_offset.at(o) == stranger; }) ==
                SleepIndex::kNone);
    }
    index.clear();
    for (const auto& [fp, offset] : model)
      RC_ASSERT(index.find(fp, [&, fp = fp](std::uint64_t o) { return at_offset.at(o) == fp; }) == SleepIndex::kNone);
  });
}
