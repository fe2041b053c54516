# manager.gp: the manager's mean weekly hours with the team by activity,
# stacked, against the budget. Run by `rampsim plot DIR`, which sets dated
# (1 when manager.csv has a date column: months on the axis).
set title sprintf("%s: the manager's week with the team (mean hours)", name)
set ylabel "Hours per week"
set key outside right top
if (dated) {
  set xdata time
  set timefmt '%Y-%m-%d'
  set format x '%b %y'
  set autoscale xfix
  # a label a quarter (two months on short runs): the plot is narrower than the fan's
  tic_seconds = (horizon > 60 ? 91 : 61) * 86400
  set xtics tic_seconds
  set xlabel "Month"
  x(dummy) = strptime('%Y-%m-%d', strcol('date'))
} else {
  set xrange [1:horizon]
  set xlabel "Week of the run"
  x(dummy) = column('week')
}
set yrange [0:budget * 1.15 < *]
a1(x) = column('one_on_one')
a2(x) = a1(x) + column('team_meeting')
a3(x) = a2(x) + column('ride_along')
a4(x) = a3(x) + column('coaching')
a5(x) = a4(x) + column('onboarding')
a6(x) = a5(x) + column('deal_help')
plot datadir.'/manager.csv' using (x(0)):(0):(a1(0)) with filledcurves fs solid 0.8 noborder lc rgb '#1f77b4' title 'One-on-ones', \
     '' using (x(0)):(a1(0)):(a2(0)) with filledcurves fs solid 0.8 noborder lc rgb '#17becf' title 'Team meeting', \
     '' using (x(0)):(a2(0)):(a3(0)) with filledcurves fs solid 0.8 noborder lc rgb '#9467bd' title 'Ride-alongs', \
     '' using (x(0)):(a3(0)):(a4(0)) with filledcurves fs solid 0.8 noborder lc rgb '#2ca02c' title 'Coaching', \
     '' using (x(0)):(a4(0)):(a5(0)) with filledcurves fs solid 0.8 noborder lc rgb '#98df8a' title 'Onboarding', \
     '' using (x(0)):(a5(0)):(a6(0)) with filledcurves fs solid 0.8 noborder lc rgb '#ff7f0e' title 'Deal help', \
     '' using (x(0)):'budget' with lines lw 3 dt 2 lc rgb '#d62728' title 'Budget'
