// Aligns two tiny documents through the installed library and prints the
// beads, so the test can check that the package works, not only links.
#include <iostream>

#include "jisr/aligner.hpp"
#include "jisr/formats.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer MODEL.json\n";
    return 2;
  }
  const jisr::Aligner aligner = jisr::Aligner::open(argv[1]);
  const jisr::Document ar = aligner.split("وصل الوفد إلى جنيف يوم الاثنين.\nوبدأت المحادثات في اليوم التالي.\n", "ar");
  const jisr::Document en = aligner.split("The delegation arrived in Geneva on Monday.\nThe talks began the next day.\n", "en");
  for (const jisr::Bead& bead : aligner.align(ar, en)) std::cout << jisr::format_bead(bead) << '\n';
  return 0;
}
