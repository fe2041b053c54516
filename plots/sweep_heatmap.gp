# sweep_heatmap.gp: the median of a metric over the grid of two varied
# keys. Run by `rampsim sweep --plot`, which sets datadir, metric, unit, xkey,
# ykey, and beyond_x and beyond_y (the x_index or y_index of each value
# beyond the range the research covers, such as '9 10 11', '' when none):
# cells with a value beyond are hatched, their region bounded by a dashed
# line and named in the axis label.
set title sprintf("%s (%s), median", metric, unit)
set xlabel xkey.(strlen(beyond_x) > 0 ? '   (hatched: beyond the evidence)' : '')
set ylabel ykey.(strlen(beyond_y) > 0 ? '   (hatched: beyond the evidence)' : '')
set key off
set xtics nomirror
set ytics nomirror
set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')
set cbrange [*:*]
listed(list, i) = strstrt(' '.list.' ', sprintf(' %d ', i)) > 0
beyond(x, y) = listed(beyond_x, x) || listed(beyond_y, y)
edge_style = "nohead dashtype 2 linewidth 3 linecolor rgb '#111111' front"
if (strlen(beyond_x) > 0) {
    edge = int(word(beyond_x, 1)) - 0.5
    eval sprintf("set arrow from %g, graph 0 to %g, graph 1 %s", edge, edge, edge_style)
}
if (strlen(beyond_y) > 0) {
    edge = int(word(beyond_y, 1)) - 0.5
    eval sprintf("set arrow from graph 0, first %g to graph 1, first %g %s", edge, edge, edge_style)
}
plot datadir.'/sweep-chart.csv' using 'x_index':'y_index':'p50':xticlabels(2):yticlabels(4) with image, \
     '' using 'x_index':'y_index':(beyond(column('x_index'), column('y_index')) ? 0.5 : NaN):(0.5) \
       with boxxyerror fillstyle transparent pattern 4 noborder linecolor rgb '#555555', \
     '' using 'x_index':'y_index':(sprintf('%.1f', column('p50'))) with labels font ',13' tc rgb '#222222'
