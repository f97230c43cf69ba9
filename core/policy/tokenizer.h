#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pirl::policy {

/// Word-level tokenizer for instructions. Its vocabulary comes from the task suite's
/// in-distribution instructions, so unseen words (ood_semantic) map to <unk>.
class Tokenizer {
 public:
  /// Id of the padding token.
  static constexpr std::int64_t kPad = 0;
  /// Id of unknown words.
  static constexpr std::int64_t kUnk = 1;

  /// Builds the vocabulary of the suite's in-distribution instructions.
  static Tokenizer forSuite();
  /// Builds a vocabulary from the given texts (sorted, deduplicated words).
  static Tokenizer fromTexts(const std::vector<std::string>& texts);

  /// Lower-cased words of `text` (split on anything but letters and digits).
  static std::vector<std::string> words(std::string_view text);

  /// Token ids of `text`, truncated or padded with kPad to `length`.
  std::vector<std::int64_t> encode(std::string_view text, int length) const;
  /// Number of ids, special tokens included.
  int vocabularySize() const { return static_cast<int>(m_words.size()) + 2; }
  /// The vocabulary's words in id order (starting at id 2).
  const std::vector<std::string>& vocabulary() const { return m_words; }

 private:
  std::vector<std::string> m_words;
};

}  // namespace pirl::policy
