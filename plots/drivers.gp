# drivers.gp: the drivers of a tail, most significant at the top: for each
# uncertain input (blue) and part of the year's luck (grey), how far its
# median moves in the tail, in standard deviations. Run by `rampsim drivers
# --plot`, which sets datadir, metric, unit, tail and bars (the drivers).
set title sprintf("What goes with %s by %s", tail, metric)
set xlabel "Shift of the driver's median in the tail (standard deviations)"
set bmargin 6
set key at screen 0.5, screen 0.01 center bottom horizontal box
set ytics nomirror
set yrange [bars - 0.5:-0.5]
set offsets graph 0.08, graph 0.08, 0, 0
set style fill solid 0.75 noborder
set arrow 1 from 0, graph 0 to 0, graph 1 nohead lw 2 lc rgb '#555555' front
input(x) = strcol('kind') eq 'input' ? x : NaN
luck(x) = strcol('kind') eq 'luck' ? x : NaN
plot datadir.'/drivers.csv' \
       using (input(column('significance') / 2)):0:(abs(column('significance')) / 2):(0.35):yticlabels(3) \
       with boxxyerror lc rgb '#1f5fa8' title 'Uncertain input', \
     '' using (luck(column('significance') / 2)):0:(abs(column('significance')) / 2):(0.35) \
       with boxxyerror lc rgb '#9a9a9a' title "The year's luck"
