// Every model the command line offers. Adding a protocol means adding its
// model type here; nothing in explorer/ changes.
#pragma once
#include <type_traits>

#include "models/lww/model.hpp"
#include "models/two_phase/model.hpp"

namespace replicheck::models {

// Calls f(std::type_identity<M>{}) for each model type M, in listing order.
template <class F>
void for_each_model(F&& f) {
  f(std::type_identity<TwoPhase>{});
  f(std::type_identity<Lww>{});
}

}  // namespace replicheck::models
