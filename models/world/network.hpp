// The network between regions, written once for every protocol: in-flight
// messages per directed link, delivered in the order a protocol's real
// transport promises (a parameter), with links that can be cut and healed,
// regions that can be isolated (every link) or taken down, and, when asked
// for, a bounded number of drops and duplicates.
//
// Msg must be trivially copyable, give `key()` (for per-key FIFO) and be
// encodable with `encode(ByteWriter&)` / `decode(ByteReader&)`;
// protocol::Tagged carries several kinds of message as one Msg.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "protocol/codec.hpp"
#include "protocol/outbox.hpp"

namespace replicheck::world {

enum class Ordering : std::uint8_t {
  LinkFifo,   // a link delivers in send order (a replication stream)
  KeyFifo,    // per key in send order, keys overtake each other
  Unordered,  // any in-flight message may arrive next
};

// The messages in flight on one link: a fixed array and a one-byte count,
// trivially copyable (boost's static_vector is not), so a whole system state
// is copied with one memcpy; a model copies its state for every action it
// takes. Measured on LWW: the member-wise copy of 16 static_vectors (a size_t
// each) was a tenth of the search. Slots past size() keep stale messages,
// which nothing reads: encodings and equality cover only the first size().
template <class Msg, int Capacity>
class LinkQueue {
 public:
  static_assert(Capacity < 0x100);
  using value_type = Msg;
  std::size_t size() const { return n_; }
  static constexpr std::size_t capacity() { return Capacity; }
  bool empty() const { return n_ == 0; }
  Msg& operator[](std::size_t i) { return items_[i]; }
  const Msg& operator[](std::size_t i) const { return items_[i]; }
  Msg* begin() { return items_.data(); }
  Msg* end() { return items_.data() + n_; }
  const Msg* begin() const { return items_.data(); }
  const Msg* end() const { return items_.data() + n_; }
  const Msg& back() const { return items_[n_ - 1]; }
  // Callers check the room first (Network::send, post, duplicate).
  void push_back(const Msg& m) { items_[n_++] = m; }
  void erase(const Msg* at) {
    for (Msg* p = begin() + (at - begin()); p + 1 < end(); ++p) *p = p[1];
    --n_;
  }
  void insert(const Msg* at, const Msg& m) {
    Msg copy = m;  // m may be an element that moves
    std::size_t i = std::size_t(at - begin());
    for (std::size_t j = n_; j > i; --j) items_[j] = items_[j - 1];
    items_[i] = copy;
    ++n_;
  }
  void resize(std::size_t n) {
    if (n > Capacity) throw std::length_error("link queue over capacity");
    n_ = std::uint8_t(n);
  }

 private:
  std::array<Msg, Capacity> items_{};
  std::uint8_t n_ = 0;
};

template <class Msg, int MaxRegions, int Capacity>
class Network {
 public:
  using Queue = LinkQueue<Msg, Capacity>;

  // False when the link already holds Capacity messages: the model bounds
  // its state space this way and must treat the send as not enabled.
  bool send(int from, int to, const Msg& m) {
    Queue& q = link(from, to).queue;
    if (q.size() == q.capacity()) return false;
    q.push_back(m);
    return true;
  }

  // Sends everything a role's transition sent, as one step: all or nothing.
  // False, and nothing sent, when some link lacks room for its entries: the
  // model treats the transition as not enabled (see send).
  template <int N>
  bool post(int from, const protocol::Outbox<Msg, N>& out) {
    std::array<int, MaxRegions> room{};
    for (int to = 0; to < MaxRegions; ++to) room[to] = Capacity - int(link(from, to).queue.size());
    for (const auto& e : out) {
      // A link to itself is never encoded: the message would vanish from the state.
      if (e.to == from || e.to >= MaxRegions) throw std::invalid_argument("post: bad destination");
      if (--room[e.to] < 0) return false;
    }
    for (const auto& e : out) link(from, e.to).queue.push_back(e.msg);
    return true;
  }

  // Calls out(index) for each message that may be delivered next on the
  // link, in a fixed order. A cut link delivers nothing (messages wait).
  template <class Out>
  void deliverable(int from, int to, Ordering order, Out&& out) const {
    const Link& l = link(from, to);
    if (!carries(from, to) || l.queue.empty()) return;
    switch (order) {
      case Ordering::LinkFifo: out(0); break;
      case Ordering::Unordered:
        for (int i = 0; i < int(l.queue.size()); ++i) out(i);
        break;
      case Ordering::KeyFifo:
        for (int i = 0; i < int(l.queue.size()); ++i) {
          bool first = true;
          for (int j = 0; j < i && first; ++j) first = l.queue[j].key() != l.queue[i].key();
          if (first) out(i);
        }
        break;
    }
  }

  Msg take(int from, int to, int index) {
    Queue& q = link(from, to).queue;
    Msg m = q[index];
    q.erase(q.begin() + index);
    return m;
  }
  // A lost message: gone without being delivered.
  void drop(int from, int to, int index) { take(from, to, index); }
  // A duplicated message: a copy right behind it. False when the link is full.
  bool duplicate(int from, int to, int index) {
    Queue& q = link(from, to).queue;
    if (q.size() == q.capacity()) return false;
    q.insert(q.begin() + index + 1, q[index]);
    return true;
  }

  void cut(int from, int to) { link(from, to).cut = true; }
  void heal(int from, int to) { link(from, to).cut = false; }
  bool is_cut(int from, int to) const { return link(from, to).cut; }
  // Isolating a region cuts all its links at once; a region that is down
  // (an outage) sends and receives nothing either. Both keep what is in flight.
  void isolate(int region) { isolated_ |= bit(region); }
  void rejoin(int region) { isolated_ &= std::uint8_t(~bit(region)); }
  void take_down(int region) { down_ |= bit(region); }
  void bring_up(int region) { down_ &= std::uint8_t(~bit(region)); }
  bool is_isolated(int region) const { return isolated_ & bit(region); }
  bool any_isolated() const { return isolated_ != 0; }
  bool is_down(int region) const { return down_ & bit(region); }
  // The link delivers now: not cut, and neither end isolated or down.
  bool carries(int from, int to) const {
    return !link(from, to).cut && !((isolated_ | down_) & (bit(from) | bit(to)));
  }
  // No link cut, no region isolated or down.
  bool whole(int regions) const {
    if (isolated_ | down_) return false;
    for (int f = 0; f < regions; ++f)
      for (int t = 0; t < regions; ++t)
        if (link(f, t).cut) return false;
    return true;
  }
  const Queue& in_flight(int from, int to) const { return link(from, to).queue; }

  // Nothing in flight on any link: together with healed links, the
  // quiescence at_quiescence properties are checked in.
  bool drained(int regions) const {
    for (int f = 0; f < regions; ++f)
      for (int t = 0; t < regions; ++t)
        if (!link(f, t).queue.empty()) return false;
    return true;
  }

  // The network with region r renamed to[r] (models/world/symmetry.hpp),
  // each message renamed by `rename`.
  template <class Rename>
  Network renamed(const std::array<std::uint8_t, 4>& to, int regions, Rename&& rename) const {
    Network out;
    for (int f = 0; f < regions; ++f) {
      for (int t = 0; t < regions; ++t) {
        Link& l = out.link(to[std::size_t(f)], to[std::size_t(t)]);
        l = link(f, t);
        for (Msg& m : l.queue) m = rename(m);
      }
      if (is_isolated(f)) out.isolate(to[std::size_t(f)]);
      if (is_down(f)) out.take_down(to[std::size_t(f)]);
    }
    return out;
  }

  void encode(int regions, ByteWriter& w) const {
    for (int f = 0; f < regions; ++f)
      for (int t = 0; t < regions; ++t) {
        if (f == t) continue;
        const Link& l = link(f, t);
        w.u8(std::uint8_t(l.queue.size() | (l.cut ? 0x80 : 0)));
        for (const Msg& m : l.queue) m.encode(w);
      }
    w.u8(std::uint8_t(isolated_ | down_ << 4));
  }
  void decode(int regions, ByteReader& r) {
    for (int f = 0; f < regions; ++f)
      for (int t = 0; t < regions; ++t) {
        if (f == t) continue;
        Link& l = link(f, t);
        std::uint8_t head = r.u8();
        l.cut = head & 0x80;
        l.queue.resize(head & 0x7f);  // throws on a corrupt size
        for (Msg& m : l.queue) m.decode(r);
      }
    std::uint8_t masks = r.u8();
    isolated_ = masks & 0xf;
    down_ = masks >> 4;
  }

 private:
  static_assert(Capacity < 0x80, "the encoding keeps a link's size in 7 bits");
  static_assert(MaxRegions <= 4, "the encoding keeps region masks in 4 bits");
  static std::uint8_t bit(int region) { return std::uint8_t(1u << region); }
  struct Link {
    Queue queue;
    bool cut = false;
  };
  Link& link(int from, int to) { return links_[from * MaxRegions + to]; }
  const Link& link(int from, int to) const { return links_[from * MaxRegions + to]; }
  std::array<Link, MaxRegions * MaxRegions> links_{};
  std::uint8_t isolated_ = 0, down_ = 0;
};

}  // namespace replicheck::world
