# sweep.gp: the response of a metric to one varied key: median with its
# P10-P90 band. Run by `rampsim sweep --plot`, which sets datadir, metric,
# unit, xkey and beyond_x (the x_index of each value beyond the range the
# research covers, such as '9 10 11', '' when none: there the curve is the
# model's extrapolation, so that part of the chart is shaded grey).
set title sprintf("%s against %s", metric, xkey)
set xlabel xkey
set ylabel sprintf("%s (%s)", metric, unit)
set key top left
set xtics nomirror
set offsets 0.2, 0.2, 0, 0
if (strlen(beyond_x) > 0) {
    # one rectangle per run of neighbouring values, from half a step before
    # its first to half a step after its last (the border clips the end)
    shade = '#d0d0d0'
    start = -1
    last = -2
    do for [w in beyond_x.' end'] {
        if (w eq 'end' || int(w) != last + 1) {
            if (start >= 0) {
                set object rectangle from start - 0.5, graph 0 to last + 0.5, graph 1 behind \
                    fillcolor rgb shade fillstyle solid 1.0 noborder
            }
            if (w ne 'end') { start = int(w) }
        }
        if (w ne 'end') { last = int(w) }
    }
    edge = int(word(beyond_x, 1)) - 0.5
    set arrow from edge, graph 0 to edge, graph 1 nohead dashtype 2 linewidth 2 linecolor rgb '#555555' back
    # the label starts at the edge, or ends at the border when the shaded
    # part is too narrow for it (it takes about a fifth of the width)
    stats datadir.'/sweep-chart.csv' using 'x_index' nooutput
    set style textbox opaque fillcolor rgb shade noborder
    if ((STATS_max + 0.2 - edge) / (STATS_max + 0.4) >= 0.2) {
        set label 'beyond the evidence' at edge, graph 0.04 offset 0.6, 0 left front boxed textcolor rgb '#222222'
    } else {
        set label 'beyond the evidence' at graph 1, graph 0.04 offset -0.6, 0 right front boxed \
            textcolor rgb '#222222'
    }
}
plot datadir.'/sweep-chart.csv' using 'x_index':'p10':'p90' \
       with filledcurves fs solid 0.25 noborder lc rgb '#4a90d9' title 'P10-P90', \
     '' using 'x_index':'p50':xticlabels(2) with linespoints lw 3 pt 7 lc rgb '#0b3d91' title 'Median'
