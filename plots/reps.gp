# reps.gp: each rep's attainment of their seat's quota in the first fiscal
# year, as a band from P10 to P90 with the median marked, the lowest median
# at the top, and the chance of reaching quota beside each name. Run by
# `rampsim plot DIR`, which reads reps.csv and sets name, reps (the rows
# drawn), seats (the seats with a first year), xmax, and the arrays rep_lo,
# rep_mid, rep_hi and rep_label ("Ben (31%)"), lowest median first: the
# names reach the script only as those strings.
# the rows come from the arrays: the pseudo-file '+' has no header to skip
set datafile nocolumnheaders
if (reps < seats) {
  set title sprintf("%s: first-year attainment of quota, the %d of %d reps least likely to reach it\n(beside each name: the chance of reaching quota)", name, reps, seats)
} else {
  set title sprintf("%s: first-year attainment of quota, rep by rep\n(beside each name: the chance of reaching quota)", name)
}
set xlabel "Attainment of the seat's quota in fiscal year 1 (%)"
unset ylabel
set yrange [reps + 0.6 : 0.4]
set xrange [0 : xmax]
tic_font = reps > 20 ? ',12' : reps > 12 ? ',14' : ',18'
set ytics nomirror scale 0 font tic_font
set grid xtics noytics
# the key centred on the chart, whatever room the names take on the left
set key at screen 0.5, screen 0.015 center bottom horizontal maxrows 1 samplen 2
set tmargin 5
set bmargin 5.5
set arrow 1 from 100, graph 0 to 100, graph 1 nohead lw 3 dt 2 lc rgb '#d62728' front
set label 1 'quota' at 100, graph 1 offset 0, 0.7 center tc rgb '#d62728' front
half = reps > 20 ? 0.36 : 0.3
plot sample [i = 1:reps:1] '+' \
       using (rep_mid[int(i)]):(i):(rep_lo[int(i)]):(rep_hi[int(i)]):(i - half):(i + half):ytic(rep_label[int(i)]) \
       with boxxyerror fs solid 0.45 noborder lc rgb '#4a90d9' title 'P10 to P90 (8 years in 10)', \
     [i = 1:reps:1] '+' using (rep_mid[int(i)]):(i) \
       with points pt 7 ps (reps > 20 ? 1.4 : 2.2) lc rgb '#0b3d91' title 'Median (its figure at the right)', \
     [i = 1:reps:1] '+' using (rep_hi[int(i)]):(i):(sprintf('%.0f%%', rep_mid[int(i)])) \
       with labels left offset 0.8, 0 font tic_font tc rgb '#0b3d91' notitle
