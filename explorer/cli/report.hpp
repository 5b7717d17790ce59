// Printing a search result: a text report for people, one JSON object for
// machines, and counterexample traces.
#pragma once
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "explorer/search/result.hpp"
#include "explorer/trace/counterexample.hpp"

namespace replicheck {

struct RunInfo {
  std::string model;
  std::vector<std::pair<std::string, std::string>> params;
  std::string strategy;
  unsigned workers = 1;
};

// `stop_detail`: the bound that stopped an incomplete run, as the user gave
// it ("100,000 states"), printed after its name.
void print_text_report(std::FILE* out, const RunInfo& run, const Result& result,
                       const std::string& stop_detail = "");
nlohmann::json json_report(const RunInfo& run, const Result& result);

// The counterexample (or witness) of one property outcome that has a trace.
Counterexample counterexample(const RunInfo& run, const PropertyOutcome& p);

std::string verdict_name(Verdict v);

}  // namespace replicheck
