# ramp.gp: new hires' mean productivity and the share already ramped, by
# weeks of tenure, with the median ramp time marked. Run by `rampsim plot DIR`.
set title sprintf("%s: how new hires ramp", name)
set xlabel "Weeks since hire"
set ylabel "Percent"
set key bottom right
set yrange [0:105]
set xrange [0:horizon]
set arrow 1 from graph 0, first ramped_at to graph 1, first ramped_at nohead lw 1.5 dt 3 lc rgb '#555555'
set label 1 sprintf('ramped = %.0f%% productivity', ramped_at) at graph 0.01, first ramped_at + 3 tc rgb '#555555'
if (median_ramp == median_ramp) {
  set arrow 2 from median_ramp, graph 0 to median_ramp, graph 1 nohead lw 3 dt 2 lc rgb '#d62728' front
  set label 2 sprintf(' median ramp time %.1f weeks', median_ramp) at median_ramp, graph 0.08 tc rgb '#d62728' front
}
plot datadir.'/ramp.csv' using 'tenure_weeks':(100*column('productivity_mean')) \
       with lines lw 3 lc rgb '#0b3d91' title 'Mean productivity of new hires', \
     '' using 'tenure_weeks':'ramped_share_mean' \
       with lines lw 3 lc rgb '#2ca02c' title 'Share of new hires ramped'
