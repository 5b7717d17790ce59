// The states a depth-first search or a simulation has seen: fingerprints of
// their canonical encodings (of their orbits', with `reduce` and a model
// symmetry), in a FingerprintSet that grows only while the process stays
// within the memory budget (--max-memory).
#pragma once
#include <array>
#include <cstdint>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "explorer/search/fingerprint_set.hpp"
#include "explorer/search/model.hpp"
#include "explorer/search/run_control.hpp"
#include "explorer/search/symmetry.hpp"

namespace replicheck {

template <Model M>
class Visited {
 public:
  Visited(const M& model, std::uint64_t max_memory, bool reduce = false)
      : model_(model), budget_(memory_budget(max_memory)), reduce_(reduce) {}

  // Added, already seen, or Full (the budget forbids the table to grow).
  FingerprintSet::Insert insert(const typename M::State& s) {
    std::size_t len;
    if (reduce_) {
      len = orbit_bytes(model_, s, buffer_);
    } else {
      ByteWriter w(buffer_.data(), buffer_.size());
      model_.encode(s, w);
      len = w.size();
    }
    return seen_.insert(XXH3_64bits(buffer_.data(), len),
                        [this](std::size_t extra) { return anonymous_rss_bytes() + extra <= budget_; });
  }
  std::size_t size() const { return seen_.size(); }
  std::size_t bytes() const { return seen_.bytes(); }

 private:
  const M& model_;
  std::uint64_t budget_;
  bool reduce_;
  std::array<std::uint8_t, kMaxEncoding> buffer_{};
  FingerprintSet seen_;
};

}  // namespace replicheck
