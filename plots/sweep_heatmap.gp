# sweep_heatmap.gp: the median of a metric over the grid of two varied
# keys. Run by `rampsim sweep --plot`, which sets datadir, metric, unit, xkey
# and ykey.
set title sprintf("%s (%s), median", metric, unit)
set xlabel xkey
set ylabel ykey
set key off
set xtics nomirror
set ytics nomirror
set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')
set cbrange [*:*]
plot datadir.'/sweep-chart.csv' using 'x_index':'y_index':'p50':xticlabels(2):yticlabels(4) with image, \
     '' using 'x_index':'y_index':(sprintf('%.1f', column('p50'))) with labels font ',13' tc rgb '#222222'
