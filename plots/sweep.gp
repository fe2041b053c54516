# sweep.gp: the response of a metric to one varied key: median with its
# P10-P90 band. Run by `rampsim sweep --plot`, which sets datadir, metric,
# unit and xkey.
set title sprintf("%s against %s", metric, xkey)
set xlabel xkey
set ylabel sprintf("%s (%s)", metric, unit)
set key top left
set xtics nomirror
set offsets 0.2, 0.2, 0, 0
plot datadir.'/sweep-chart.csv' using 'x_index':'p10':'p90' \
       with filledcurves fs solid 0.25 noborder lc rgb '#4a90d9' title 'P10-P90', \
     '' using 'x_index':'p50':xticlabels(2) with linespoints lw 3 pt 7 lc rgb '#0b3d91' title 'Median'
