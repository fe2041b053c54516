# compare_quarters.gp: median team attainment by fiscal quarter, a line per
# scenario. Run by `rampsim compare --plot`.
set title "Median team attainment by quarter"
set ylabel "Team attainment of quota (%)"
set key below
set xtics nomirror
set offsets 0.3, 0.3, 0, 0
plot for [i=2:scenarios + 1] datadir.'/compare-quarters.csv' using 0:i:xticlabels(1) \
       with linespoints lw 3 pt 7 title columnheader(i), \
     100 with lines lw 2 dt 2 lc rgb '#555555' title 'Quota'
