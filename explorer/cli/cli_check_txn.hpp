// `check-history FILE --model list-append|rw-register --consistency C`: the
// transactional half of check-history (cli_check_history.cpp hands over).
#pragma once
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "properties/history_io.hpp"

namespace replicheck::cli {

struct TxnCliOptions {
  std::string consistency = "strict-serializable";
};

bool is_txn_model(const std::string& model);
void add_txn_options(CLI::App& cmd, TxnCliOptions& options);
// Exit 0 the model holds, 1 it does not (explained), 2 bad input, 3 undecided.
int check_txn_history(const std::string& file, const std::string& text, properties::Format format,
                      const std::string& model, const std::string& report, const TxnCliOptions& options,
                      double budget_seconds, std::uint64_t max_steps);

}  // namespace replicheck::cli
