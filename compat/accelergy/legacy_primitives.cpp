#include "compat/accelergy/legacy_primitives.hpp"

#include <map>

#include "estimators/estimator.hpp"

namespace cimloop::accelergy {

const LegacyPrimitiveClass* legacy_primitive_class(const std::string& name) {
  static const std::map<std::string, LegacyPrimitiveClass> library = [] {
    std::map<std::string, LegacyPrimitiveClass> classes;
    YAML::Node root = estimators::load_data_file("legacy_primitive_library.yaml");
    for (const auto& kv : root["classes"]) {
      LegacyPrimitiveClass c;
      c.defaults = raw_attributes(kv.second["attributes"]);
      for (const YAML::Node& a : kv.second["actions"]) {
        ActionDef action;
        action.name = a["name"].Scalar();
        for (const auto& arg : a["arguments"]) action.arguments.emplace_back(arg.first.Scalar(), arg.second.Scalar());
        c.actions.push_back(std::move(action));
      }
      classes[kv.first.Scalar()] = std::move(c);
    }
    return classes;
  }();
  auto it = library.find(name);
  return it == library.end() ? nullptr : &it->second;
}

}  // namespace cimloop::accelergy
