# fan.gp: cumulative team bookings (P10-P90 and P25-P75 bands, median)
# against cumulative quota. Run by `rampsim plot DIR` inside DIR, which sets
# datadir ('.'), name and the terminal; the chart goes to standard output.
set title sprintf("%s: cumulative bookings against quota", name)
set xlabel "Week of the run"
set ylabel "Cumulative amount (thousands)"
set key top left
set xrange [1:horizon]
set yrange [0:*]
plot datadir.'/weekly.csv' \
       using 'week':(column('cum_bookings_p10')/1000):(column('cum_bookings_p90')/1000) \
       with filledcurves fs solid 0.25 noborder lc rgb '#4a90d9' title 'Bookings, P10-P90', \
     '' using 'week':(column('cum_bookings_p25')/1000):(column('cum_bookings_p75')/1000) \
       with filledcurves fs solid 0.45 noborder lc rgb '#1f5fa8' title 'Bookings, P25-P75', \
     '' using 'week':(column('cum_bookings_p50')/1000) \
       with lines lw 3 lc rgb '#0b3d91' title 'Bookings, median', \
     '' using 'week':(column('cum_quota_p50')/1000) \
       with lines lw 3 dt 2 lc rgb '#d62728' title 'Quota, median'
