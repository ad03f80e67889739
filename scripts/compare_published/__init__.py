"""scripts/compare-published: our chip models (examples/eyeriss_jssc2017, examples/simba_vlsi2019)
against a table of published silicon figures."""
