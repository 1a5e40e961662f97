// Test helper: structural checks of a generated project, with real parsers
// (nlohmann for JSON, xmllint for XML, plistutil for plists, our own parser
// for project.pbxproj) and image headers read independently.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "apps/apps.h"

namespace sf::test {

struct ProjectReport {
  std::vector<std::string> problems;  // empty when the project passes
  int files = 0, json = 0, xml = 0, plists = 0, pbxproj = 0, images = 0;
  int pbx_file_refs = 0;  // file references resolved to files on disk
};

/// Runs every check of issue 6 over the project in `dir`.
ProjectReport check_project(const std::filesystem::path& dir, apps::AppKind kind,
                            const std::string& bundle_id);

/// One-line summary of problems (or "ok") for Catch2 INFO.
std::string describe(const ProjectReport& report);

}  // namespace sf::test
