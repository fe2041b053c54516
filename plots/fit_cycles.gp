# fit_cycles.gp: the closed opportunities' sales cycles in whole weeks
# (rounded up), as bars, against the counts the fitted scenario's gamma
# expects. Run by `rampsim fit --plot` and `rampsim plot DIR` inside DIR,
# which set datadir, cycles_rows and, for each column C of fit-cycles.csv,
# cycles_C_min, cycles_C_max and cycles_C_sum.
set title sprintf("Sales cycles against the fitted gamma\n%.0f closed opportunities; open ones enter the fit as censored (not drawn)", cycles_observed_sum)
set xlabel "Cycle (weeks, created to close, rounded up)"
set ylabel "Closed opportunities"
set key top right
set xrange [0 : cycles_weeks_max + 1]
top = cycles_observed_max > cycles_fitted_max || cycles_fitted_max != cycles_fitted_max ? cycles_observed_max : cycles_fitted_max
set yrange [0 : top > 0 ? top * 1.3 : 1]
set xtics nomirror
set mxtics
set grid noxtics ytics
set boxwidth 0.8
plot datadir.'/fit-cycles.csv' using 'weeks':'observed' \
       with boxes fs solid 0.55 noborder lc rgb '#1f5fa8' title 'Closed opportunities (history)', \
     '' using 'weeks':'fitted' with lines lw 4 lc rgb '#d62728' title 'Fitted gamma (expected count)'
