#pragma once
// Macro-variable expressions in the Python subset CiMLoop uses (numbers, names, arithmetic,
// comparisons, `a if c else b`, 'text' literals, min/max/ceil/floor/log2/sqrt/abs/round...),
// evaluated by the v0.4 expression language (compat/v04/expression). Names are resolved
// through callbacks so that variables can be evaluated lazily in dependency order; a name may
// denote text (a scenario such as 'aggressive') instead of a number.
#include <functional>
#include <optional>
#include <string>

namespace cimloop::cim {

using NameResolver = std::function<double(const std::string&)>;
// The text a name denotes, or nullopt when it is a number (then NameResolver is asked).
using TextResolver = std::function<std::optional<std::string>(const std::string&)>;

// Throws InputError("<where>: ...") on a syntax error, an unknown function, a division by
// zero or a result that is not a number; unknown names are the resolvers' business.
double evaluate_expression(const std::string& text, const NameResolver& resolve,
                           const std::string& where, const TextResolver& resolve_text = {});

// The text of a quoted literal ('a' or "a"), nullopt for anything else.
std::optional<std::string> quoted_text(const std::string& expression);

}  // namespace cimloop::cim
