# calibration.gp: each claim's simulated figure as a percentage of the
# article's, with its 95% interval and the tolerance band. Run by
# `rampsim calibrate --plot`, which sets datadir and replications.
set title sprintf("Simulated against the article's figures (%d replications per scenario)", replications)
set ylabel "Simulated figure (% of the article's)"
set key top left
set xrange [-0.6:*]
set offsets 0, 0.6, 0, 0
set yrange [*:*]
set xtics nomirror
plot datadir.'/calibrate.csv' using 0:(100):(0.3):'tolerance_pct' \
       with boxxyerror fs solid 0.35 noborder lc rgb '#2ca02c' title 'Tolerance', \
     100 with lines lw 2 dt 2 lc rgb '#d62728' title "The article's figure", \
     '' using 0:'simulated_pct_of_article':'ci_low_pct':'ci_high_pct':xticlabels(stringcolumn('check')) \
       with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#0b3d91' title 'Simulated, 95% interval'
