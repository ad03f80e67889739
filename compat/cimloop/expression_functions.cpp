#include "compat/cimloop/expression_functions.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

std::string file_name_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The identifier at the start of `text` (after spaces).
std::string leading_name(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  size_t end = begin;
  while (end < text.size() && is_name_char(text[end])) ++end;
  return text.substr(begin, end - begin);
}

// The names bound by the import list `a, b as c, (d, e)`.
void add_imported_names(std::string list, std::vector<std::string>& names) {
  for (char& c : list)
    if (c == '(' || c == ')') c = ' ';
  std::stringstream items(list);
  std::string item;
  while (std::getline(items, item, ',')) {
    const size_t as = item.find(" as ");
    const std::string name = leading_name(as == std::string::npos ? item : item.substr(as + 4));
    if (!name.empty() && name != "*") names.push_back(name);
  }
}

}  // namespace

std::vector<std::string> python_defined_names(const std::string& source) {
  std::vector<std::string> names;
  std::stringstream lines(source);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || std::isspace(static_cast<unsigned char>(line[0]))) continue;  // not top level
    for (const char* keyword : {"def ", "async def ", "class "})
      if (line.rfind(keyword, 0) == 0) names.push_back(leading_name(line.substr(std::string(keyword).size())));
    if (line.rfind("from ", 0) == 0) {
      const size_t import = line.find(" import ");
      if (import == std::string::npos) continue;
      std::string list = line.substr(import + 8);
      // `from m import (a,\n    b)` continues to the closing parenthesis
      for (std::string more; list.find('(') != std::string::npos && list.find(')') == std::string::npos &&
                             std::getline(lines, more);)
        list += "," + more;
      add_imported_names(list, names);
    }
  }
  return names;
}

ExpressionFunctions ExpressionFunctions::from_files(const std::vector<std::string>& paths, const std::string& where) {
  ExpressionFunctions functions;
  for (const std::string& path : paths) {
    std::ifstream file(path);
    std::stringstream text;
    if (std::filesystem::is_regular_file(path) && file) text << file.rdbuf();
    if (!std::filesystem::is_regular_file(path) || !file || file.bad())
      throw InputError(where + ": cannot read the expression function file '" + path + "'");
    const PythonModule* module = python_module(file_name_of(path));
    for (const std::string& name : python_defined_names(text.str())) {
      const auto found = module ? module->find(name) : PythonModule::const_iterator();
      functions.functions_[name] = {path, module && found != module->end() ? &found->second : nullptr};
    }
  }
  return functions;
}

std::optional<compat::v04::Value> ExpressionFunctions::call(const std::string& name,
                                                           const compat::v04::CallArguments& args) const {
  const auto found = functions_.find(name);
  if (found == functions_.end()) return std::nullopt;
  if (!found->second.implementation)
    throw compat::v04::ExpressionError("'" + name + "' of " + found->second.file +
                                       " is a Python function cimloop-cpp has no C++ implementation of");
  return (*found->second.implementation)(args);
}

void ExpressionFunctions::install(compat::v04::ExpressionScope& scope) const {
  if (functions_.empty()) return;
  scope.has_function = [this](const std::string& name) { return has(name); };
  scope.call = [this](const std::string& name, const compat::v04::CallArguments& args) { return call(name, args); };
}

}  // namespace cimloop::compat::cimloop
