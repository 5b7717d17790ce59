// Regions are named once: r0, r1, ... Lanes of a timing diagram, prefixes of
// trace fields ("r0.k1"), and the region part of a version ("1@4.r0") all
// come from here, so a trace groups fields by lane without guessing.
#pragma once
#include <string>
#include <vector>

#include <fmt/format.h>

namespace replicheck::world {

inline std::string region_name(int region) { return fmt::format("r{}", region); }

inline std::vector<std::string> region_lanes(int regions) {
  std::vector<std::string> out;
  for (int r = 0; r < regions; ++r) out.push_back(region_name(r));
  return out;
}

}  // namespace replicheck::world
