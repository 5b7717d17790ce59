// Two-phase commit's properties: the TLA+ spec's consistency invariant, and
// the commit and abort outcomes as `sometimes` properties (the model is not
// vacuous).
#include "models/two_phase/model.hpp"

namespace replicheck::models {

namespace tp = protocol::two_phase;

std::vector<Property<TwoPhase>> TwoPhase::properties() const {
  using D = tp::ResourceManagerDef;
  // No early exit: a loop of fixed length is predicted, an exit that
  // depends on the state is not, and this runs on every state.
  auto any = [](const TwoPhase& m, const State& s, auto pred) {
    bool found = false;
    for (int r = 0; r < m.rm_; ++r) found |= pred(s.rms[r]);
    return found;
  };
  return {
      {"consistent", PropertyKind::Always,
       "no resource manager has committed while another has aborted",
       [any](const TwoPhase& m, const State& s) {
         return !(any(m, s, [](const RM& r) { return r.in<D::Committed>(); }) &&
                  any(m, s, [](const RM& r) { return r.in<D::Aborted>(); }));
       }},
      {"commit-happens", PropertyKind::Sometimes, "every resource manager commits",
       [](const TwoPhase& m, const State& s) {
         for (int r = 0; r < m.rm_; ++r)
           if (!s.rms[r].in<D::Committed>()) return false;
         return true;
       }},
      {"abort-happens", PropertyKind::Sometimes,
       "the transaction manager aborts after a resource manager prepared",
       [any](const TwoPhase& m, const State& s) {
         return s.abort_msg && any(m, s, [](const RM& r) { return r.in<D::Aborted>(); }) &&
                s.prepared_msgs != 0;
       }},
  };
}

}  // namespace replicheck::models
