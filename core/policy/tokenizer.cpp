#include "core/policy/tokenizer.h"

#include <algorithm>
#include <cctype>

#include "core/sim/task.h"

namespace pirl::policy {

std::vector<std::string> Tokenizer::words(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      current += static_cast<char>(std::tolower(u));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

Tokenizer Tokenizer::fromTexts(const std::vector<std::string>& texts) {
  Tokenizer t;
  for (const auto& text : texts) {
    for (auto& w : words(text)) t.m_words.push_back(std::move(w));
  }
  std::sort(t.m_words.begin(), t.m_words.end());
  t.m_words.erase(std::unique(t.m_words.begin(), t.m_words.end()), t.m_words.end());
  return t;
}

Tokenizer Tokenizer::forSuite() {
  std::vector<std::string> texts;
  for (const auto& def : sim::taskDefinitions()) texts.push_back(def.instruction);
  return fromTexts(texts);
}

std::vector<std::int64_t> Tokenizer::encode(std::string_view text, int length) const {
  std::vector<std::int64_t> ids(static_cast<std::size_t>(std::max(length, 0)), kPad);
  const auto ws = words(text);
  for (std::size_t i = 0; i < ws.size() && i < ids.size(); ++i) {
    const auto it = std::lower_bound(m_words.begin(), m_words.end(), ws[i]);
    ids[i] = (it != m_words.end() && *it == ws[i]) ? 2 + (it - m_words.begin()) : kUnk;
  }
  return ids;
}

}  // namespace pirl::policy
