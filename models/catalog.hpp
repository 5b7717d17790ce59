// Every model the command line offers. Adding a protocol means adding its
// model type to AllModels; nothing in explorer/ changes, and the contract
// tests (tests/models/contract_test.cpp) run over it at once.
#pragma once
#include <tuple>
#include <type_traits>

#include "models/lww/model.hpp"
#include "models/two_phase/model.hpp"

namespace replicheck::models {

using AllModels = std::tuple<TwoPhase, Lww>;

// Calls f(std::type_identity<M>{}) for each model type M, in listing order.
template <class F>
void for_each_model(F&& f) {
  [&]<class... M>(std::type_identity<std::tuple<M...>>) {
    (f(std::type_identity<M>{}), ...);
  }(std::type_identity<AllModels>{});
}

}  // namespace replicheck::models
