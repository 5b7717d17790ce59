// What a role sends in one transition: (destination region, message)
// entries, filled by the front-end's actions and handed by the model to the
// network in one step (world::Network::post). A front-end holds one as its
// `outbox` member; Role::fire clears it before each event. Fixed capacity and
// trivially copyable, so firing a role allocates nothing.
#pragma once
#include <array>
#include <cstdint>
#include <stdexcept>

namespace replicheck::protocol {

template <class Msg, int N>
class Outbox {
 public:
  struct Entry {
    std::uint8_t to = 0;
    Msg msg{};
  };

  // Sending more than N in one transition is a bug in the role, not a state
  // the model explores: fail loudly rather than lose a message.
  void send(int to, const Msg& m) {
    if (size_ == N) throw std::length_error("outbox capacity exceeded");
    entries_[size_++] = {std::uint8_t(to), m};
  }
  // To every region below `regions` except `from` (the sender itself).
  void broadcast(int from, int regions, const Msg& m) {
    for (int to = 0; to < regions; ++to)
      if (to != from) send(to, m);
  }

  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Entry& operator[](int i) const { return entries_[i]; }
  const Entry* begin() const { return entries_.data(); }
  const Entry* end() const { return entries_.data() + size_; }

 private:
  std::array<Entry, N> entries_{};
  std::uint8_t size_ = 0;
};

}  // namespace replicheck::protocol
