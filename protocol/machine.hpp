// What every protocol role needs from Boost.MSM, in one place:
//  - a back-end wrapper whose copies keep the active state (MSM's forwarding
//    constructor beats the copy constructor for non-const and moved-from
//    machines, copies the data and resets the active state to the initial one);
//  - "was the event handled?" as a bool (process_event returns a bit set, and
//    a guard rejection is not HANDLED_TRUE);
//  - Role: how a model stores a role, as plain bytes (active state + data),
//    so that copying, hashing and storing a system state is cheap; each
//    transition still runs on the role's MSM machine.
#pragma once
#include <array>
#include <cstdint>
#include <type_traits>

#include <boost/mpl/fold.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/back/tools.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

namespace replicheck::protocol {

namespace msm = boost::msm;
namespace mpl = boost::mpl;

// Base for every front-end: a disabled event is normal during exploration
// (the explorer asks "is this enabled?" by firing it), so it must neither
// assert nor throw.
template <class Derived>
struct RoleDef : msm::front::state_machine_def<Derived> {
  using no_exception_thrown = int;
  using no_message_queue = int;
  // Spelling of transition tables: rows<Row<Source, Event, Target, Action, Guard>, ...>.
  template <class... R>
  using rows = mpl::vector<R...>;
  using none = msm::front::none;
  template <class Source, class Event, class Target, class Action = none, class Guard = none>
  using Row = msm::front::Row<Source, Event, Target, Action, Guard>;
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception&) {}
};

template <class Front>
struct Machine : msm::back::state_machine<Front> {
  using Base = msm::back::state_machine<Front>;
  Machine() { Base::start(); }
  // Every copy and move goes through Base's const copy constructor, which
  // keeps the active state.
  Machine(const Machine& o) : Base(static_cast<const Base&>(o)) {}
  Machine(Machine&& o) noexcept : Base(static_cast<const Base&>(o)) {}
  Machine& operator=(const Machine& o) {
    Base::operator=(static_cast<const Base&>(o));
    return *this;
  }
  Machine& operator=(Machine&& o) noexcept {
    Base::operator=(static_cast<const Base&>(o));
    return *this;
  }

  // Fires the event; true when a transition was taken (guards passed).
  template <class Event>
  bool fire(const Event& e) {
    return (Base::process_event(e) & msm::back::HANDLED_TRUE) != 0;
  }

  int active() const { return Base::current_state()[0]; }

  template <class State>
  bool in() const {
    return active() == msm::back::get_state_id<typename Base::stt, State>::value;
  }

  template <class State>
  static constexpr int id_of() {
    return msm::back::get_state_id<typename Base::stt, State>::value;
  }

  // Restores a snapshot: sets the active state without running entry or
  // exit actions (they already ran when the snapshot was taken). MSM gives
  // read access only; the array it points to is this object's own, so
  // writing through it is well defined.
  void restore_active(int id) { const_cast<int*>(Base::current_state())[0] = id; }
};

// A role as a model stores it: the id of its active state and its front-end
// data (a trivially copyable `Front::Data`). fire() restores a per-thread
// machine from the snapshot, processes the event on it and, when a
// transition was taken, reads the snapshot back.
template <class Front>
class Role {
 public:
  using Data = typename Front::Data;
  using Sm = Machine<Front>;

  // Processes the event on a copy; when a transition is taken, writes the
  // new snapshot to `after` and returns true. *this is never changed, so a
  // refused event costs no copy of the system state.
  template <class Event>
  bool fire(const Event& e, Role& after) const {
    if (!has_row<Event>()) return false;  // no row: refused without MSM
    Sm& m = scratch();
    m.restore_active(active_);
    static_cast<Data&>(m) = data;
    m.outbox = {};
    if (!m.fire(e)) return false;
    after.active_ = static_cast<std::uint8_t>(m.active());
    after.data = static_cast<const Data&>(m);
    return true;
  }
  template <class Event>
  bool fire(const Event& e) { return fire(e, *this); }
  // What the last successful fire() on this thread sent.
  static const auto& outbox() { return scratch().outbox; }

  // True when the transition table has a row for Event from the active
  // state: the table's shape, not its guards. A model may list only such
  // events as candidates, which saves a call per event the role could never
  // take (two-phase rm=9: ~3 of 4 candidates); the guards still run in fire().
  template <class Event>
  bool has_row() const { return rows_for<Event>() >> active_ & 1; }
  // has_row for several events at once: bit i for the i-th. Shifts and ors,
  // no branch, so a model can list candidates by looping over set bits
  // (a branch per event and role mispredicts on every other state).
  // One load from a table made at compile time, one entry a state.
  template <class... Events>
  unsigned rows_among() const {
    return kRowsAmong<Events...>[active_];
  }

  template <class State>
  bool in() const { return active_ == Sm::template id_of<State>(); }
  int active() const { return active_; }
  void restore_active(int id) { active_ = static_cast<std::uint8_t>(id); }

  Data data{};

 private:
  // Bit s is set when the transition table has a row for Event from state s.
  // Most candidate events have none from the active state; this answers them
  // without a dispatch, and MSM still evaluates the guards of those that do.
  // A compile-time fold over the table: a function-local static was a guard
  // check on every call, and a state lists ~50 candidates (two-phase rm=9).
  template <class Event>
  struct AddRowsFor {
    template <class Mask, class Row>
    struct apply {
      static constexpr std::uint64_t bit =
          std::is_same_v<typename Row::Evt, Event> ? std::uint64_t{1} << Sm::template id_of<typename Row::Source>() : 0;
      using type = std::integral_constant<std::uint64_t, Mask::value | bit>;
    };
  };
  template <class Event>
  static constexpr std::uint64_t rows_for() {
    using Zero = std::integral_constant<std::uint64_t, 0>;
    return mpl::fold<typename Front::transition_table, Zero, AddRowsFor<Event>>::type::value;
  }
  template <class... Events>
  static constexpr std::array<std::uint16_t, 64> kRowsAmong = [] {
    static_assert(sizeof...(Events) <= 16);
    std::array<std::uint16_t, 64> table{};
    for (unsigned state = 0; state < 64; ++state) {
      unsigned bits = 0, i = 0;
      ((bits |= unsigned(rows_for<Events>() >> state & 1) << i++), ...);
      table[state] = std::uint16_t(bits);
    }
    return table;
  }();
  static Sm& scratch() {
    thread_local Sm m;
    return m;
  }
  std::uint8_t active_ = Sm::template id_of<typename Front::initial_state>();
};

}  // namespace replicheck::protocol
