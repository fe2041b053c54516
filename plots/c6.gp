# c6.gp: claim C6 quarter by quarter: median team attainment (and its
# interquartile range) when the manager takes deals over at quarter end, and
# when she coaches them. Run by `rampsim calibrate --plot`.
set title sprintf("C6: take the deal over, or coach it? (%d replications)", replications)
set ylabel "Team attainment of quota (%)"
set key below
set xrange [-0.3:quarters - 0.7]
set xtics nomirror
quarter(v) = strstrt(stringcolumn('period'), 'Q') > 0 ? v : NaN
plot datadir.'/calibrate-c6.csv' using 0:(quarter(column('take_over_p25'))):(quarter(column('take_over_p75'))) \
       with filledcurves fs transparent solid 0.2 noborder lc rgb '#d62728' title 'Take over, P25-P75', \
     '' using 0:(quarter(column('coach_p25'))):(quarter(column('coach_p75'))) \
       with filledcurves fs transparent solid 0.2 noborder lc rgb '#1f5fa8' title 'Coach, P25-P75', \
     '' using 0:(quarter(column('take_over_p50'))):xticlabels(strstrt(stringcolumn('period'), 'Q') > 0 ? stringcolumn('period') : '') \
       with linespoints lw 3 pt 7 lc rgb '#d62728' title 'Take over, median', \
     '' using 0:(quarter(column('coach_p50'))) with linespoints lw 3 pt 7 lc rgb '#1f5fa8' title 'Coach, median', \
     100 with lines lw 2 dt 2 lc rgb '#555555' title 'Quota'
