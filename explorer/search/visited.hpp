// The states a depth-first search or a simulation has seen: fingerprints of
// their canonical encodings, in a FingerprintSet that grows only while the
// process stays within the memory budget (--max-memory).
#pragma once
#include <cstdint>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "explorer/search/fingerprint_set.hpp"
#include "explorer/search/model.hpp"
#include "explorer/search/run_control.hpp"

namespace replicheck {

template <Model M>
class Visited {
 public:
  Visited(const M& model, std::uint64_t max_memory)
      : model_(model), budget_(memory_budget(max_memory)), buffer_(kMaxEncoding) {}

  // Added, already seen, or Full (the budget forbids the table to grow).
  FingerprintSet::Insert insert(const typename M::State& s) {
    ByteWriter w(buffer_.data(), buffer_.size());
    model_.encode(s, w);
    return seen_.insert(XXH3_64bits(w.data(), w.size()),
                        [this](std::size_t extra) { return current_rss_bytes() + extra <= budget_; });
  }
  std::size_t size() const { return seen_.size(); }
  std::size_t bytes() const { return seen_.bytes(); }

 private:
  const M& model_;
  std::uint64_t budget_;
  std::vector<std::uint8_t> buffer_;
  FingerprintSet seen_;
};

}  // namespace replicheck
