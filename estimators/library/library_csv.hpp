#pragma once
// Component tables in the CSV layout of accelergy-library-plug-in, so users keep their own
// libraries: `#` comments, trimmed cells, optional `COMPONENT: <name>` blocks (default name =
// the file's base name, lower-cased), the first row of a block is its header; `_pointers.txt`
// holds `alias: target` lines.
#include <map>
#include <string>
#include <vector>

namespace cimloop::estimators {

struct ComponentTable {
  std::string name;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

std::string lower_case(std::string text);

std::vector<ComponentTable> parse_library_csv(const std::string& text, const std::string& default_name);
std::map<std::string, std::string> parse_library_pointers(const std::string& text);

// The user's library directories: the ':'-separated values of $ACCELERGY_COMPONENT_LIBRARIES
// and of every $ACCELERGY_COMPONENT_LIBRARIES_<NAME> (CiMLoop's macros set these from their
// globals.environment_variables), in the order of the variables' names.
std::vector<std::string> user_library_directories();

// Every table and alias under `directories`, searched recursively in sorted order.
struct UserLibraries {
  std::vector<ComponentTable> tables;
  std::map<std::string, std::string> aliases;
};
UserLibraries load_user_libraries(const std::vector<std::string>& directories);

}  // namespace cimloop::estimators
