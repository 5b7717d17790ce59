// `check-history FILE --model list-append|rw-register --consistency C`: the
// transactional half of check-history (cli_check_history.cpp hands over).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "properties/history_io.hpp"

namespace replicheck::cli {

bool is_txn_model(const std::string& model);
// Adds what the transactional models do to the subcommand's description.
void describe_txn_models(CLI::App& cmd);
// --consistency as one option for every model: for list-append and
// rw-register, one transactional level (default strict-serializable, put in
// `level`); for the others, no transactional level. The problem, or "".
std::string txn_consistency(const std::string& model, const std::vector<std::string>& asked, std::string& level);
// Checks one history: prints its text report when `text`, fills `json`
// (the report, or the error). Exit 0 the level holds, 1 it does not
// (explained), 2 bad input, 3 undecided.
int check_txn_history(const std::string& file, const std::string& text, properties::Format format,
                      const std::string& model, const std::string& level, bool text_report, double budget_seconds,
                      std::uint64_t max_steps, nlohmann::ordered_json& json);

}  // namespace replicheck::cli
