# spider.gp: the metric's mean in each tenth of every driver's own
# distribution (a spider chart that respects the distributions): a steep
# line is a driver that matters across its range, a flat one does not.
# Run by `rampsim drivers --plot`, which sets datadir, metric, unit, lines
# and label_1 .. label_<lines> (the first drivers of spider.csv: the
# uncertain inputs, most significant first, or the luck when none is).
set title sprintf("%s against each driver's percentile (mean of the replications in each tenth)", metric)
set xlabel "Percentile of the driver's distribution"
set ylabel sprintf("Mean %s (%s)", metric, unit)
set bmargin 9
set key at screen 0.5, screen 0.01 center bottom maxrows 4 box
set xrange [0:100]
set xtics 10
set grid ytics
plot for [i=0:lines - 1] datadir.'/spider.csv' every ::(10 * i)::(10 * i + 9) \
       using 'percentile':'metric_mean' with linespoints lw 2 pt 7 ps 0.8 \
       title value(sprintf('label_%d', i + 1))
