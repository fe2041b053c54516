# fan.gp: cumulative team bookings (P10-P90 and P25-P75 bands, median)
# against cumulative quota, and below it the team's size (reps selling and
# seats empty, means), so that growth and backfills show. Run by `rampsim
# plot DIR` inside DIR, which sets datadir ('.'), name, horizon, dated (1
# when weekly.csv has a date column: months on the axis) and the terminal;
# the chart goes to standard output.
# the team panel's top leaves room for its key above the lines (stats
# reads no time axis, so it comes first)
stats datadir.'/weekly.csv' using 'active_reps' nooutput
team_top = STATS_max * 1.7 + 1
# about four labelled steps on its axis: 1, 2 or 5 times a power of ten
team_step = 1
do for [k = 0:8] {
  candidate = (k % 3 == 0 ? 1 : k % 3 == 1 ? 2 : 5) * 10**(k / 3)
  if (team_step < team_top / 4.0 && candidate > team_step) { team_step = candidate }
}
if (dated) {
  set xdata time
  set timefmt '%Y-%m-%d'
  set format x '%b %y'
  set autoscale xfix
  x(dummy) = strptime('%Y-%m-%d', strcol('date'))
  xtitle = 'Month'
} else {
  set xrange [1:horizon]
  x(dummy) = column('week')
  xtitle = 'Week of the run'
}
set multiplot
# one left and right edge for both panels, so that their weeks line up
set lmargin at screen 0.115
set rmargin at screen 0.97

set origin 0, 0.3
set size 1, 0.7
set tmargin 2.5
set bmargin 0.5
set title sprintf("%s: cumulative bookings against quota, and the team", name)
unset xlabel
set format x ''
set ylabel "Cumulative amount (thousands)"
set key top left
set yrange [0:*]
plot datadir.'/weekly.csv' \
       using (x(0)):(column('cum_bookings_p10')/1000):(column('cum_bookings_p90')/1000) \
       with filledcurves fs solid 0.25 noborder lc rgb '#4a90d9' title 'Bookings, P10-P90', \
     '' using (x(0)):(column('cum_bookings_p25')/1000):(column('cum_bookings_p75')/1000) \
       with filledcurves fs solid 0.45 noborder lc rgb '#1f5fa8' title 'Bookings, P25-P75', \
     '' using (x(0)):(column('cum_bookings_p50')/1000) \
       with lines lw 3 lc rgb '#0b3d91' title 'Bookings, median', \
     '' using (x(0)):(column('cum_quota_p50')/1000) \
       with lines lw 3 dt 2 lc rgb '#d62728' title 'Quota, median'

set origin 0, 0
set size 1, 0.3
set tmargin 0.5
set bmargin 3.5
unset title
set xlabel xtitle
if (dated) { set format x '%b %y' } else { set format x '% h' }
set ylabel "Reps"
set key top left horizontal
set yrange [0:team_top]
set ytics 0, team_step nomirror
plot datadir.'/weekly.csv' using (x(0)):'active_reps' \
       with steps lw 3 lc rgb '#2ca02c' title 'Reps selling (mean)', \
     '' using (x(0)):'vacant_seats' \
       with fillsteps fs solid 0.5 noborder lc rgb '#ff7f0e' title 'Seats empty (mean)'
unset multiplot
