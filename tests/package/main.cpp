// Aligns two tiny documents through the installed library and prints the
// beads, so the test can check that the package works, not only links.
#include <iostream>

#include "jisr/output.hpp"
#include "jisr/pipeline.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer MODEL.json\n";
    return 2;
  }
  const jisr::Model model = jisr::Model::load(argv[1]);
  jisr::Document ar{"ar", "ar", {{"وصل الوفد إلى جنيف يوم الاثنين.", {}, 0}, {"وبدأت المحادثات في اليوم التالي.", {}, 0}}};
  jisr::Document en{"en", "en", {{"The delegation arrived in Geneva on Monday.", {}, 0},
                                 {"The talks began the next day.", {}, 0}}};
  for (const jisr::Bead& bead : jisr::align_documents(model, ar, en))
    std::cout << jisr::format_bead(bead) << '\n';
  return 0;
}
