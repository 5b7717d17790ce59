// Human and machine renderings of a linearizability result, shared by the
// check-history command and anything else that wants to show a verdict.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"

namespace replicheck::properties {

struct ReportInput {
  std::string file;                              // as the user named it
  Model model = Model::kRegister;
  const LoadedHistory* loaded = nullptr;         // the history and its source lines
  const LinearizabilityResult* result = nullptr;
  double seconds = 0;                            // time spent checking (not parsing)
};

// Verdict line, then for a violation: the tail of the longest linearizable
// prefix, the operation that cannot be placed and why, and why none of the
// other operations in flight could go first.
std::string render_text(const ReportInput& in);

// One JSON object: file, model, format, verdict ("linearizable",
// "not-linearizable", "unknown"), operations, seconds, ... and for a
// violation "explanation" with the full prefix.
nlohmann::ordered_json render_json(const ReportInput& in);

}  // namespace replicheck::properties
